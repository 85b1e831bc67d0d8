// A plain Next config: nothing Lockstep needs here.
/** @type {import('next').NextConfig} */
export default {};
