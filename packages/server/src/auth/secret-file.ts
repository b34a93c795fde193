import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A secret kept in DATA_DIR for the embedded (demo) mode: read if present, otherwise generated
 * from the system's CSPRNG and written readable by the owner only. Production passes secrets in
 * the environment instead.
 */
export async function ensureSecretFile(
  dataDir: string,
  name: string,
  generate: () => string = () => randomBytes(48).toString('base64url'),
): Promise<string> {
  const file = join(dataDir, name);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = generate();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
