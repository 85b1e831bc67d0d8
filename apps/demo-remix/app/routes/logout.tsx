// `/logout` (POST): ends the session (or every session of the user) at the auth server and clears the cookies, even when it is down.
import { toWebResponse } from '@lockstep/core';
import { signOut } from '@lockstep/remix';
import { redirect, type ActionFunctionArgs } from 'react-router';

// `scope=global` ("sign out everywhere", on /settings/security) ends every session of the user; otherwise only this one.
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.clone().formData();
  return toWebResponse((await signOut(args, form.get('scope') === 'global' ? 'global' : 'local')).outcome);
}

// A GET has nothing to do here.
export const loader = () => redirect('/');

export default function Logout() {
  return null;
}
