// Shared test fixtures arrive below.
