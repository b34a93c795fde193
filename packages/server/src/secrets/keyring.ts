/**
 * Envelope encryption for SECRET fields (AES-256-GCM, Node's crypto): each case has its own data
 * key, stored wrapped by a master key whose id is kept beside it, so master keys can rotate and
 * destroying a case's data key makes every copy of its secrets unreadable.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Keyring {
  /** The id of the master key that wraps new data keys. */
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** Parses `MASTER_KEYS` (`id:base64key,id:base64key`, the first is current). */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.length !== 32) {
      throw new Error('each master key is id:base64 of 32 bytes');
    }
    keys.set(id, key);
    currentId ??= id;
  }
  if (!currentId) throw new Error('no master key given');
  return { currentId, keys };
}

export function newMasterKeySpec(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Uint8Array, aad: string): Buffer {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A fresh data key for a case, wrapped by the current master key. */
export function newDataKey(
  keyring: Keyring,
  caseId: string,
): { dataKey: Buffer; wrapped: Buffer; masterKeyId: string } {
  const dataKey = randomBytes(32);
  return { dataKey, ...wrapDataKey(keyring, caseId, dataKey) };
}

/** Wraps a case's data key with the current master key (AAD binds it to the case). */
export function wrapDataKey(
  keyring: Keyring,
  caseId: string,
  dataKey: Buffer,
): { wrapped: Buffer; masterKeyId: string } {
  const master = keyring.keys.get(keyring.currentId);
  if (!master) throw new Error('current master key missing');
  return { wrapped: seal(master, dataKey, `case:${caseId}`), masterKeyId: keyring.currentId };
}

/**
 * Re-wraps a case's data key under the current master key: the data key itself is unchanged, so
 * the field ciphertexts stay valid. The unwrapped key is wiped from memory before returning.
 */
export function rewrapDataKey(
  keyring: Keyring,
  caseId: string,
  wrapped: Uint8Array,
  masterKeyId: string,
): { wrapped: Buffer; masterKeyId: string } {
  const dataKey = unwrapDataKey(keyring, caseId, wrapped, masterKeyId);
  try {
    return wrapDataKey(keyring, caseId, dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/** A master key id not yet in the keyring: `k<n>` after the highest `k<n>` present (k1, k2, ...). */
export function nextMasterKeyId(keyring: Keyring): string {
  let highest = 0;
  for (const id of keyring.keys.keys()) {
    const match = /^k(\d{1,9})$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  let n = highest + 1;
  while (keyring.keys.has(`k${n}`)) n += 1;
  return `k${n}`;
}

export function unwrapDataKey(keyring: Keyring, caseId: string, wrapped: Uint8Array, masterKeyId: string): Buffer {
  const master = keyring.keys.get(masterKeyId);
  if (!master) throw new Error(`master key ${masterKeyId} is not configured`);
  return open(master, wrapped, `case:${caseId}`);
}

export function encryptField(dataKey: Buffer, caseId: string, field: string, value: string): Buffer {
  return seal(dataKey, Buffer.from(value, 'utf8'), `${caseId}:${field}`);
}

export function decryptField(dataKey: Buffer, caseId: string, field: string, sealed: Uint8Array): string {
  return open(dataKey, sealed, `${caseId}:${field}`).toString('utf8');
}
