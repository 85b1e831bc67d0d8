import { LoginForm } from './login-form';

export default async function Login({ searchParams }: { readonly searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return <LoginForm next={next ?? ''} />;
}
