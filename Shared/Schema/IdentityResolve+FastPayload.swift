/// Resolve traffic by hand-written JSON: a campaign resolves 10,000 CIs per message, and
/// `Codable` spent more time on those bytes than identity spent resolving them.
extension ResolveCI: FastPayload {
    public func writeJSON(into writer: inout JSONWriter) {
        writer.raw(#"{"ci":"#)
        writer.string(ci)
        writer.raw(#","institution":"#)
        writer.string(institution)
        writer.raw(#","noticeId":"#)
        writer.string(noticeId)
        if let seed {
            writer.raw(#","seed":"#)
            writer.number(seed)
        }
        writer.raw("}")
    }

    public init?(scanning scanner: inout JSONScanner) {
        var ci: String?, institution: String?, noticeId: String?, seed: UInt64??
        let complete = scanner.object { scanner, key in
            if key == "ci" { return scanner.once(&ci) { $0.string() } }
            if key == "institution" { return scanner.once(&institution) { $0.string() } }
            if key == "noticeId" { return scanner.once(&noticeId) { $0.string() } }
            if key == "seed" { return scanner.onceOptional(&seed) { $0.unsigned() } }
            return scanner.skipValue()
        }
        guard complete, let ci, let institution, let noticeId else { return nil }
        self.init(ci: ci, institution: institution, noticeId: noticeId, seed: seed ?? nil)
    }
}

extension ResolveBatch: FastPayload {
    public func writeJSON(into writer: inout JSONWriter) {
        writer.reserve(cis.count * 140 + 128)
        writer.raw(#"{"cis":"#)
        writer.strings(cis)
        writer.raw(#","institution":"#)
        writer.string(institution)
        writer.raw(#","noticeIds":"#)
        writer.strings(noticeIds)
        if let seed {
            writer.raw(#","seed":"#)
            writer.number(seed)
        }
        writer.raw("}")
    }

    public init?(scanning scanner: inout JSONScanner) {
        var cis: [String]?, noticeIds: [String]?, institution: String?, seed: UInt64??
        let complete = scanner.object { scanner, key in
            if key == "cis" { return scanner.once(&cis) { $0.strings() } }
            if key == "institution" { return scanner.once(&institution) { $0.string() } }
            if key == "noticeIds" { return scanner.once(&noticeIds) { $0.strings() } }
            if key == "seed" { return scanner.onceOptional(&seed) { $0.unsigned() } }
            return scanner.skipValue()
        }
        guard complete, let cis, let noticeIds, let institution else { return nil }
        self.init(cis: cis, noticeIds: noticeIds, institution: institution, seed: seed ?? nil)
    }
}

extension ResolveBatchReply: FastPayload {
    public func writeJSON(into writer: inout JSONWriter) {
        writer.reserve(results.count * 48 + 16)
        writer.raw(#"{"results":["#)
        for (index, result) in results.enumerated() {
            if index > 0 { writer.raw(",") }
            result.writeJSON(into: &writer)
        }
        writer.raw("]}")
    }

    public init?(scanning scanner: inout JSONScanner) {
        var results: [Resolution]?
        let complete = scanner.object { scanner, key in
            guard key == "results" else { return scanner.skipValue() }
            return scanner.once(&results) { $0.elements { Resolution(scanning: &$0) } }
        }
        guard complete, let results else { return nil }
        self.init(results: results)
    }
}

extension Resolution: FastPayload {
    public func writeJSON(into writer: inout JSONWriter) {
        switch self {
        case .line(let line):
            writer.raw(#"{"carrier":"#)
            writer.string(line.carrier.rawValue)
            if let host = line.mvnoHost {
                writer.raw(#","mvnoHost":"#)
                writer.string(host.rawValue)
            }
            writer.raw(#","phone":"#)
            writer.string(line.phone)
            writer.raw("}")
        case .unreachable(let reason):
            writer.raw(#"{"unreachable":"#)
            writer.string(reason.rawValue)
            writer.raw("}")
        }
    }

    /// Mirrors `init(from:)`: an `unreachable` reason wins; otherwise carrier and phone are needed.
    public init?(scanning scanner: inout JSONScanner) {
        var carrier: Carrier?, mvnoHost: Carrier??, phone: String?, unreachable: UnreachableReason??
        let complete = scanner.object { scanner, key in
            if key == "carrier" { return scanner.once(&carrier) { $0.string().flatMap(Carrier.init(rawValue:)) } }
            if key == "phone" { return scanner.once(&phone) { $0.string() } }
            if key == "mvnoHost" { return scanner.onceOptional(&mvnoHost) { $0.string().flatMap(Carrier.init(rawValue:)) } }
            if key == "unreachable" { return scanner.onceOptional(&unreachable) { $0.string().flatMap(UnreachableReason.init(rawValue:)) } }
            return scanner.skipValue()
        }
        guard complete else { return nil }
        if let reason = unreachable ?? nil {
            self = .unreachable(reason)
        } else if let carrier, let phone {
            self = .line(ResolvedLine(carrier: carrier, phone: phone, mvnoHost: mvnoHost ?? nil))
        } else {
            return nil
        }
    }
}
