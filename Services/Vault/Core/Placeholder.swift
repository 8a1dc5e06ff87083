// Placeholder until the Vault service lands.
