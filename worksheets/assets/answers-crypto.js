// Passphrase lock: answers encrypted at rest with the browser's own WebCrypto. The key is
// derived from the passphrase (PBKDF2-SHA-256, 600,000 rounds, a random salt) and lives
// only in this page's memory; storage holds the salt, a fresh IV per write and ciphertext.

export const ITERATIONS = 600000;
const VAULT_FORMAT = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class WrongPassphrase extends Error {}

export function lockAvailable() {
  // WebCrypto exists only on secure pages (https, or this computer's own address).
  return Boolean(globalThis.crypto && globalThis.crypto.subtle && globalThis.isSecureContext);
}

function toBase64(bytes) {
  let text = "";
  for (let index = 0; index < bytes.length; index += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

async function deriveKey(passphrase, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2",
    false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

// A new lock: a fresh random salt, and the key it gives with this passphrase.
export async function newLock(passphrase) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  return { key, kdf: { name: "PBKDF2", hash: "SHA-256", iterations: ITERATIONS,
    salt: toBase64(salt) } };
}

// The key a stored vault was locked with, if this passphrase is the right one.
export async function unlockKey(passphrase, vault) {
  const key = await deriveKey(passphrase, fromBase64(vault.kdf.salt), vault.kdf.iterations);
  return { key, value: await openVault(key, vault) };
}

// Every write gets its own random 96-bit IV: AES-GCM must never reuse one with a key.
export async function sealVault(key, kdf, value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key,
    encoder.encode(JSON.stringify(value)));
  return { format: VAULT_FORMAT, kdf, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

export async function openVault(key, vault) {
  let plain;
  try {
    plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(vault.iv) }, key,
      fromBase64(vault.data));
  } catch (error) {
    // GCM's tag check fails for a wrong key: the passphrase, not the data, is wrong.
    throw new WrongPassphrase("wrong passphrase", { cause: error });
  }
  return JSON.parse(decoder.decode(plain));
}
