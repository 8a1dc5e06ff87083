/// Everything a `BusEndpoint` needs besides its store and handlers.
public struct EndpointConfiguration: Sendable {
    /// This service's bus name (`identity`) and instance (`1`): routing id `identity/1`.
    public var service: String
    public var instance: String = "1"
    /// The broker endpoint.
    public var brokerEndpoint: String
    public var security: BusSecurity = .none
    public var heartbeatMilliseconds: Int = 1_000
    /// Outbox rows read and sent per pass.
    public var dispatchBatch: Int = 2_000
    /// Unacknowledged messages per destination before the dispatcher stops loading more
    /// (back-pressure: a slow receiver cannot make the sender's memory grow without bound).
    public var maximumInFlightPerDestination: Int = 20_000
    public var retry = RetryPolicy()
    /// A query waits this long for each attempt, `queryAttempts` times.
    public var queryTimeoutMilliseconds: Int = 2_000
    public var queryAttempts: Int = 3
    /// How long applied message ids are remembered. Must exceed the longest a sender retries
    /// (see `RetryPolicy.maximumAttempts`), or a very late duplicate would be applied again.
    public var inboxRetentionHours: Int = 7 * 24

    public init(service: String, instance: String = "1", brokerEndpoint: String, security: BusSecurity = .none) {
        self.service = service
        self.instance = instance
        self.brokerEndpoint = brokerEndpoint
        self.security = security
    }

    public var routingID: RoutingID { RoutingID(service: service, instance: instance) }
}
