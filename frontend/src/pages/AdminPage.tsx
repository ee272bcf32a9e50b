import { CreateUserForm } from "../components/access/CreateUserForm";
import { UserList } from "../components/access/UserList";
import { ErrorNote } from "../components/common/ErrorNote";
import { useMe } from "../hooks/api";
import { useUsers } from "../hooks/accessApi";

/** Accounts, for administrators: create, disable (locked out at once) and enable. */
export function AdminPage() {
  const me = useMe();
  const { list, create, setActive } = useUsers();

  if (me.data && !me.data.is_admin) {
    return <p className="error">Only administrators manage accounts.</p>;
  }
  return (
    <div className="admin">
      <h2>Users</h2>
      <ErrorNote error={list.error ?? setActive.error} />
      <UserList
        users={list.data ?? []}
        selfId={me.data?.id}
        busy={setActive.isPending}
        onActive={(user, active) => {
          create.reset();
          setActive.mutate({ userId: user.id, active });
        }}
      />
      <h3>New user</h3>
      <CreateUserForm
        busy={create.isPending}
        onCreate={(body) => {
          setActive.reset();
          return create.mutateAsync(body);
        }}
      />
      <ErrorNote error={create.error} />
    </div>
  );
}
