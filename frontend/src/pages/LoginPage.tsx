import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import { ErrorNote } from "../components/common/ErrorNote";

export function LoginPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    try {
      await unwrap(api.POST("/api/auth/login", { body: { username, password } }));
      // Nothing cached from an ended session (or another user) survives a new login.
      client.clear();
      navigate("/");
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="login">
      <h1>HyperTuner</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label>
          Username
          <input
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            required
          />
        </label>
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary">
          Log in
        </button>
      </form>
    </div>
  );
}
