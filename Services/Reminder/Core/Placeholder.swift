// Placeholder until the Reminder service lands.
