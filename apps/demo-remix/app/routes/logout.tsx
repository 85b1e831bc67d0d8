// `/logout` (POST): ends the session at the auth server and clears the cookies, even when it is down.
import { toWebResponse } from '@lockstep/core';
import { signOut } from '@lockstep/remix';
import { redirect, type ActionFunctionArgs } from 'react-router';

export const action = async (args: ActionFunctionArgs) => toWebResponse((await signOut(args)).outcome);

// A GET has nothing to do here.
export const loader = () => redirect('/');

export default function Logout() {
  return null;
}
