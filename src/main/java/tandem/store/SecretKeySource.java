package tandem.store;

import javax.crypto.SecretKey;

/** Supplies the AES key that protects stored secrets; a desktop keyring may take the key file's place. */
public interface SecretKeySource {
    /** The 256-bit AES key, created on first use when the source can create one. */
    SecretKey key();
}
