// Every other path: the middleware's rules ran first (deny by default), then it is a 404.
import { data } from 'react-router';

export const loader = () => data({ missing: true }, { status: 404 });

export default function NotFound() {
  return <h1>Not found</h1>;
}
