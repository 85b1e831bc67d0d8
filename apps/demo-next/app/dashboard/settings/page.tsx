import { auth } from '../../../lib/auth';
import { saveProfile } from '../../../lib/actions';

export default async function Settings() {
  const { user } = await auth.requireUser();
  return (
    <section>
      <h1>Settings</h1>
      <p id="user">{user.email}</p>
      <form action={saveProfile}><input name="name" defaultValue="Demo User" /><button type="submit">Save</button></form>
    </section>
  );
}
