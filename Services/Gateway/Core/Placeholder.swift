// Replaced by the Gateway service implementation.
public enum GatewayPlaceholder {}
