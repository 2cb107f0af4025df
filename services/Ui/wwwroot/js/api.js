// Every request of the page: JSON in, and an Error whose message is the RFC 7807 detail when the answer is a problem.

export async function getJson(url, headers = {}) {
  return answer(await fetch(url, { headers: { Accept: 'application/json', ...headers } }));
}

export async function postJson(url, body, headers = {}) {
  return answer(await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  }));
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    const error = new Error(body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return body;
}
