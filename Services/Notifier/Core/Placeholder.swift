// Replaced by the Notifier service implementation.
public enum NotifierPlaceholder {}
