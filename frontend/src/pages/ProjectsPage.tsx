import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";
import { useProjects } from "../hooks/api";

export function ProjectsPage() {
  const projects = useProjects();
  const client = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/projects", { body: { name: name.trim(), description: "" } })),
    onSuccess: () => {
      setName("");
      return client.invalidateQueries({ queryKey: ["projects"] });
    },
  });

  return (
    <div className="projects">
      <h2>Projects</h2>
      <ErrorNote error={projects.error} />
      {projects.data?.length === 0 && <p className="muted">No project yet: create one below.</p>}
      <ul className="cards">
        {(projects.data ?? []).map((project) => (
          <li key={project.id}>
            <Link to={`/projects/${project.id}`}>{project.name}</Link>
            {project.description && <span className="muted"> — {project.description}</span>}
          </li>
        ))}
      </ul>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="New project name"
          aria-label="New project name"
        />
        <button type="submit" disabled={!name.trim()}>
          Create project
        </button>
      </form>
      <ErrorNote error={create.error} />
    </div>
  );
}
