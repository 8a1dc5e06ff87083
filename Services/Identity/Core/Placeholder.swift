// Placeholder until the Identity service lands.
