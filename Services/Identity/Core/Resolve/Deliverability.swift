import Schema

/// ID-2: which lines a certified notice can go to.
enum Deliverability {
    /// Why a line is undeliverable, or `nil` when it is deliverable. Corporate lines, 2G feature
    /// phones, cancelled lines and MVNO lines riding on SKT are skipped; MVNO on KT or LGU is fine.
    static func reason(kind: LineKind, status: LineStatus, mvnoHost: Carrier?) -> UnreachableReason? {
        if status == .cancelled { return .cancelled }
        if kind == .corporate { return .corporate }
        if kind == .feature2G { return .feature2G }
        if mvnoHost == .skt { return .mvnoOnSKT }
        return nil
    }

    /// The reason for a CI whose lines are all undeliverable: the common reason, or
    /// `noDeliverableLine` when they differ; `noSubscriber` without any line.
    static func combined(_ reasons: [UnreachableReason]) -> UnreachableReason {
        guard let first = reasons.first else { return .noSubscriber }
        return reasons.allSatisfy { $0 == first } ? first : .noDeliverableLine
    }
}
