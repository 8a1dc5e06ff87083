/// Faults the broker injects while forwarding, for reliability tests: the outbox and inbox must
/// deliver every message exactly once through all of them. Never set outside tests.
public struct BrokerFaults: Sendable, Equatable {
    /// Share of MSG frames silently dropped (0...1).
    public var dropMessages: Double = 0
    /// Share of ACK frames silently dropped.
    public var dropAcks: Double = 0
    /// Share of MSG and ACK frames forwarded twice.
    public var duplicate: Double = 0
    /// Share of MSG frames held back before forwarding, and for how long.
    public var delayShare: Double = 0
    public var delayMilliseconds: Int = 0
    /// Seed of the fault dice, so a failing run can be replayed.
    public var seed: UInt64 = 0x5D1

    public init(dropMessages: Double = 0, dropAcks: Double = 0, duplicate: Double = 0,
                delayShare: Double = 0, delayMilliseconds: Int = 0, seed: UInt64 = 0x5D1) {
        self.dropMessages = dropMessages
        self.dropAcks = dropAcks
        self.duplicate = duplicate
        self.delayShare = delayShare
        self.delayMilliseconds = delayMilliseconds
        self.seed = seed
    }

    /// No faults.
    public static let none = BrokerFaults()
}

/// SplitMix64: tiny, fast, seedable; good enough for fault dice.
struct FaultDice {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func roll(_ probability: Double) -> Bool {
        guard probability > 0 else { return false }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53) < probability
    }
}
