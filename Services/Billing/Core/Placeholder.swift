// Placeholder until the Billing service lands.
