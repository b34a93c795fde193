/** SECRET fields: the keyring, reading and writing a case's secrets, shredding, key rotation. */
export {
  type CaseSecretValues,
  decryptSecretField,
  SECRET_FIELDS,
  type SecretField,
  sealCaseSecrets,
  shredCaseSecrets,
} from './case-secrets.js';
export {
  decryptField,
  encryptField,
  type Keyring,
  newDataKey,
  newMasterKeySpec,
  nextMasterKeyId,
  parseKeyring,
  rewrapDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './keyring.js';
export {
  checkMasterKeys,
  MasterKeyMismatch,
  masterKeyUsage,
  type RotationOptions,
  type RotationResult,
  rotateMasterKeys,
} from './rotation.js';
