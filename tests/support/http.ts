/** A small HTTP client for tests: JSON in and out, with a staff session when signed in. */
export type TReply<T = unknown> = { status: number; body: T; headers: Headers };

export type TClient = {
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TReply<T>>;
  cookie?: string;
  csrfToken?: string;
};

export function client(baseUrl: string, session?: { cookie: string; csrfToken: string }): TClient {
  return {
    ...session,
    async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(session ? { cookie: session.cookie } : {}),
          ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
    },
  };
}

/** Signs in through the API and returns a client that carries the session cookie and CSRF token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<TClient> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed with ${res.status}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return client(baseUrl, { cookie, csrfToken });
}

/** A respondent's submission through the public API, with a fresh Idempotency-Key. */
export async function submitAnswers(
  baseUrl: string,
  token: string,
  answers: Record<string, unknown>,
): Promise<string> {
  const res = await client(baseUrl).request<{ id: string }>(
    'POST',
    `/api/v1/public/surveys/${token}/responses`,
    { answers },
    { 'idempotency-key': crypto.randomUUID() },
  );
  if (res.status !== 201)
    throw new Error(`submission failed with ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id;
}
