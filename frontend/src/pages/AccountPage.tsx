import { useState } from "react";
import { NewTokenNote } from "../components/access/NewTokenNote";
import { PasswordForm } from "../components/access/PasswordForm";
import { TokenForm } from "../components/access/TokenForm";
import { TokenList } from "../components/access/TokenList";
import { ErrorNote } from "../components/common/ErrorNote";
import { useMe } from "../hooks/api";
import { useTokens, type TokenCreated } from "../hooks/accessApi";

/** One's own account: password and personal API tokens. */
export function AccountPage() {
  const me = useMe();
  const { list, create, revoke } = useTokens();
  const [created, setCreated] = useState<TokenCreated | null>(null);

  const createToken = async (body: Parameters<typeof create.mutateAsync>[0]) => {
    revoke.reset();
    setCreated(await create.mutateAsync(body));
  };
  return (
    <div className="account">
      <h2>Account {me.data && <span className="muted">· {me.data.username}</span>}</h2>

      <section aria-label="Password">
        <h3>Password</h3>
        <PasswordForm />
      </section>

      <section aria-label="API tokens">
        <h3>API tokens</h3>
        <p className="muted">
          For the CLI, the SDK and scripts: send as <code>Authorization: Bearer …</code>.
        </p>
        <TokenForm busy={create.isPending} onCreate={createToken} />
        <ErrorNote error={create.error} />
        {created && <NewTokenNote token={created} onDismiss={() => setCreated(null)} />}
        <ErrorNote error={list.error ?? revoke.error} />
        <TokenList
          tokens={list.data ?? []}
          busy={revoke.isPending}
          onRevoke={(token) => {
            if (created?.id === token.id) setCreated(null);
            revoke.mutate(token.id);
          }}
        />
      </section>
    </div>
  );
}
