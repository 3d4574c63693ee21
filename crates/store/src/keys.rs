//! The key that protects national ids at rest: XChaCha20-Poly1305 encryption of each id, and an
//! HMAC-SHA256 keyed hash of it for exact look-up ("find the person with this CPR") without
//! decrypting every row.
//!
//! The key never leaves this module: not in `Debug`, not in logs, not in errors. A database
//! remembers a check value of the key it was written with, so starting with the wrong key file
//! is refused instead of silently writing ids nobody can read.

use std::io::Write;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::StoreError;

type HmacSha256 = Hmac<Sha256>;

const NONCE_LEN: usize = 24;

/// The encryption and look-up keys, derived from one 256-bit master key.
pub struct Keys {
    cipher: XChaCha20Poly1305,
    mac_key: Zeroizing<[u8; 32]>,
    audit_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<redacted>)")
    }
}

/// HMAC-SHA256 keyed with a 256-bit key. HMAC pads a short key with zeros to the block size, so
/// padding here is the same HMAC, and the infallible constructor needs no error path.
fn hmac(key: &[u8; 32]) -> HmacSha256 {
    let mut block = Zeroizing::new([0u8; 64]);
    block[..32].copy_from_slice(key);
    <HmacSha256 as KeyInit>::new(&(*block).into())
}

fn derive(master: &[u8; 32], label: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut mac = hmac(master);
    mac.update(label);
    Zeroizing::new(mac.finalize().into_bytes().into())
}

impl Keys {
    pub fn from_master(master: &[u8; 32]) -> Self {
        let enc = derive(master, b"jobbro national-id encryption v1");
        Keys {
            cipher: XChaCha20Poly1305::new(enc.as_slice().into()),
            mac_key: derive(master, b"jobbro national-id lookup v1"),
            audit_key: derive(master, b"jobbro audit chain v1"),
        }
    }

    /// Reads an existing key file (64 hex digits); never creates one (`restore` must not write a
    /// new key beside a backup it then cannot read).
    pub fn load(path: &Path) -> Result<Self, StoreError> {
        let key_error = |reason: String| StoreError::Key {
            path: path.to_owned(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| key_error(e.to_string()))?;
        let bytes = Zeroizing::new(
            hex::decode(text.trim()).map_err(|_| key_error("is not 64 hex digits".into()))?,
        );
        let master: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| key_error("is not 64 hex digits (256 bits)".into()))?;
        Ok(Keys::from_master(&master))
    }

    /// Reads the key file (64 hex digits), or creates one with a fresh random key, readable by
    /// the owner only (mode 0600), when it does not exist.
    pub fn load_or_create(path: &Path) -> Result<Self, StoreError> {
        let key_error = |reason: String| StoreError::Key {
            path: path.to_owned(),
            reason,
        };
        match std::fs::metadata(path) {
            Ok(_) => Keys::load(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut master = Zeroizing::new([0u8; 32]);
                rand::rngs::OsRng.fill_bytes(master.as_mut_slice());
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(|e| key_error(e.to_string()))?;
                file.write_all(hex::encode(master.as_slice()).as_bytes())
                    .and_then(|()| file.write_all(b"\n"))
                    .and_then(|()| file.sync_all())
                    .map_err(|e| key_error(e.to_string()))?;
                tracing::info!(path = %path.display(), "created a new key file for national ids");
                Ok(Keys::from_master(&master))
            }
            Err(e) => Err(key_error(e.to_string())),
        }
    }

    /// Encrypts with a fresh random nonce: `nonce || ciphertext+tag`.
    pub fn encrypt(&self, plaintext: &str) -> Result<Vec<u8>, StoreError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(XNonce::from_slice(&nonce), plaintext.as_bytes())
            .map_err(|_| StoreError::Crypto)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    pub fn decrypt(&self, sealed: &[u8]) -> Result<String, StoreError> {
        if sealed.len() < NONCE_LEN {
            return Err(StoreError::Crypto);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| StoreError::Crypto)?;
        String::from_utf8(plain).map_err(|_| StoreError::Crypto)
    }

    /// The keyed hash for exact look-up of a national id (`NationalId::lookup_key`).
    pub fn lookup_hash(&self, lookup_key: &str) -> Vec<u8> {
        let mut mac = hmac(&self.mac_key);
        mac.update(b"national-id:");
        mac.update(lookup_key.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The link of one audit row in the chain: an HMAC over the previous link and the row, so
    /// nobody without the key can edit, insert or remove a row unnoticed.
    pub fn audit_link(&self, prev_hash: &str, row: &str) -> String {
        let mut mac = hmac(&self.audit_key);
        mac.update(prev_hash.as_bytes());
        mac.update(b"\n");
        mac.update(row.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A value that identifies the key without revealing it, kept in the database.
    pub fn check_value(&self) -> String {
        hex::encode(self.lookup_hash("jobbro key check"))
    }
}

/// Where the key lives: `JOBBRO_KEY_FILE` if given, else beside an SQLite database file
/// (`jobbro.db` → `jobbro.key`), else `jobbro.key` in the current folder.
pub fn key_path(explicit: Option<&Path>, sqlite_file: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_owned();
    }
    match sqlite_file {
        Some(db) => db.with_extension("key"),
        None => PathBuf::from("jobbro.key"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypted_id_reads_back_and_hides_the_plaintext() {
        let keys = Keys::from_master(&[7u8; 32]);
        let sealed = keys.encrypt("010180-1230").unwrap();
        assert_eq!(keys.decrypt(&sealed).unwrap(), "010180-1230");
        assert!(!sealed.windows(6).any(|w| w == b"010180"));
        // A fresh nonce each time: the same id never gives the same bytes twice.
        assert_ne!(sealed, keys.encrypt("010180-1230").unwrap());
    }

    #[test]
    fn another_key_cannot_read_or_match() {
        let a = Keys::from_master(&[1u8; 32]);
        let b = Keys::from_master(&[2u8; 32]);
        let sealed = a.encrypt("010180-1230").unwrap();
        assert!(b.decrypt(&sealed).is_err());
        assert_ne!(
            a.lookup_hash("dk:0101801230"),
            b.lookup_hash("dk:0101801230")
        );
        assert_ne!(a.check_value(), b.check_value());
    }

    #[test]
    fn keys_never_show_in_debug() {
        assert_eq!(
            format!("{:?}", Keys::from_master(&[9u8; 32])),
            "Keys(<redacted>)"
        );
    }

    #[test]
    fn a_new_key_file_is_private_and_reloads_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobbro.key");
        let first = Keys::load_or_create(&path).unwrap();
        let again = Keys::load_or_create(&path).unwrap();
        assert_eq!(first.check_value(), again.check_value());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jobbro.key");
        std::fs::write(&path, "not hex").unwrap();
        assert!(matches!(
            Keys::load_or_create(&path),
            Err(StoreError::Key { .. })
        ));
    }
}
