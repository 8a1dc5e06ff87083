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
        var ci: String?, institution: String?, noticeId: String?, seed: UInt64?
        let complete = scanner.object { scanner, key in
            if key == "ci" { ci = scanner.string(); return ci != nil }
            if key == "institution" { institution = scanner.string(); return institution != nil }
            if key == "noticeId" { noticeId = scanner.string(); return noticeId != nil }
            if key == "seed" { return scanner.optionalUnsigned(&seed) }
            return scanner.skipValue()
        }
        guard complete, let ci, let institution, let noticeId else { return nil }
        self.init(ci: ci, institution: institution, noticeId: noticeId, seed: seed)
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
        var cis: [String]?, noticeIds: [String]?, institution: String?, seed: UInt64?
        let complete = scanner.object { scanner, key in
            if key == "cis" { cis = scanner.strings(); return cis != nil }
            if key == "institution" { institution = scanner.string(); return institution != nil }
            if key == "noticeIds" { noticeIds = scanner.strings(); return noticeIds != nil }
            if key == "seed" { return scanner.optionalUnsigned(&seed) }
            return scanner.skipValue()
        }
        guard complete, let cis, let noticeIds, let institution else { return nil }
        self.init(cis: cis, noticeIds: noticeIds, institution: institution, seed: seed)
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
            var items: [Resolution] = []
            guard scanner.array({ scanner in
                guard let item = Resolution(scanning: &scanner) else { return false }
                items.append(item)
                return true
            }) else { return false }
            results = items
            return true
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
        var carrier: Carrier?, host: Carrier?, phone: String?, reason: UnreachableReason?
        let complete = scanner.object { scanner, key in
            if key == "carrier" { carrier = scanner.string().flatMap(Carrier.init(rawValue:)); return carrier != nil }
            if key == "phone" { phone = scanner.string(); return phone != nil }
            if key == "mvnoHost" {
                if scanner.null() { return true }
                host = scanner.string().flatMap(Carrier.init(rawValue:))
                return host != nil
            }
            if key == "unreachable" {
                if scanner.null() { return true }
                reason = scanner.string().flatMap(UnreachableReason.init(rawValue:))
                return reason != nil
            }
            return scanner.skipValue()
        }
        guard complete else { return nil }
        if let reason {
            self = .unreachable(reason)
        } else if let carrier, let phone {
            self = .line(ResolvedLine(carrier: carrier, phone: phone, mvnoHost: host))
        } else {
            return nil
        }
    }
}

extension JSONScanner {
    /// Reads an optional unsigned member (`null` or digits) into `value`.
    mutating func optionalUnsigned(_ value: inout UInt64?) -> Bool {
        if null() { return true }
        value = unsigned()
        return value != nil
    }
}
