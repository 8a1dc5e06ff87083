import Foundation

/// A Korean mobile network operator (ID-1). The raw value is the CSV and wire spelling.
public enum Carrier: String, Codable, Sendable, CaseIterable {
    case kt = "KT"
    case skt = "SKT"
    case lgu = "LGU"

    /// Delivery priority of ID-2: KT first, then SKT, then LGU (lower is tried first).
    public var priority: Int {
        switch self {
        case .kt: 0
        case .skt: 1
        case .lgu: 2
        }
    }
}

/// What kind of line a subscriber record is (ID-1).
public enum LineKind: String, Codable, Sendable, CaseIterable {
    case personal
    case corporate
    /// A 2G feature phone: cannot show a certified notice.
    case feature2G
}

/// Whether a line is in service.
public enum LineStatus: String, Codable, Sendable, CaseIterable {
    case active
    case cancelled
}

/// Why a CI resolves to no deliverable line (ID-2). Stable snake_case codes.
public enum UnreachableReason: String, Codable, Sendable, CaseIterable {
    /// The directory has no line for this CI.
    case noSubscriber = "no_subscriber"
    /// Every line is cancelled.
    case cancelled
    /// Every line is a corporate line.
    case corporate
    /// Every line is a 2G feature phone.
    case feature2G = "feature_2g"
    /// Every line is an MVNO line riding on SKT.
    case mvnoOnSKT = "mvno_on_skt"
    /// Lines exist, none deliverable, for more than one of the reasons above.
    case noDeliverableLine = "no_deliverable_line"
}

/// The deliverable line a CI resolved to: carrier and phone (digits only, ID-4).
public struct ResolvedLine: Codable, Sendable, Hashable {
    public var carrier: Carrier
    /// Normalised digits, e.g. `01012345678`.
    public var phone: String
    /// The host network, for an MVNO line.
    public var mvnoHost: Carrier?

    public init(carrier: Carrier, phone: String, mvnoHost: Carrier? = nil) {
        self.carrier = carrier
        self.phone = phone
        self.mvnoHost = mvnoHost
    }
}

/// The answer for one CI: a line, or a typed `unreachable(reason)` (ID-2).
///
/// Wire form is flat (`{"carrier":"KT","phone":"010…"}` or `{"unreachable":"cancelled"}`) so a
/// batch of 10,000 decodes without a nested container per item.
public enum Resolution: Codable, Sendable, Hashable {
    case line(ResolvedLine)
    case unreachable(UnreachableReason)

    private enum CodingKeys: String, CodingKey { case carrier, phone, mvnoHost, unreachable }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let reason = try container.decodeIfPresent(UnreachableReason.self, forKey: .unreachable) {
            self = .unreachable(reason)
        } else {
            self = .line(ResolvedLine(
                carrier: try container.decode(Carrier.self, forKey: .carrier),
                phone: try container.decode(String.self, forKey: .phone),
                mvnoHost: try container.decodeIfPresent(Carrier.self, forKey: .mvnoHost)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .line(let line):
            try container.encode(line.carrier, forKey: .carrier)
            try container.encode(line.phone, forKey: .phone)
            try container.encodeIfPresent(line.mvnoHost, forKey: .mvnoHost)
        case .unreachable(let reason):
            try container.encode(reason, forKey: .unreachable)
        }
    }

    /// The line, when there is one.
    public var line: ResolvedLine? {
        if case .line(let line) = self { return line }
        return nil
    }
}
