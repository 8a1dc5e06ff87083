import Logging

/// Which logfmt lines `songdal tail` shows: by service, minimum level and notice id.
struct LogLineFilter: Sendable {
    var services: Set<String> = []
    var minimumLevel: Logger.Level = .trace
    var noticeID: String?

    /// Whether `line` passes; a line that is not logfmt (a stray stderr line) passes unless a
    /// filter needs a field it lacks.
    func accepts(_ line: Substring, service: String) -> Bool {
        if !services.isEmpty, !services.contains(service) { return false }
        if minimumLevel > .trace {
            guard let level = Self.field("level", in: line).flatMap(Logger.Level.init(rawValue:)),
                  level >= minimumLevel else { return false }
        }
        if let noticeID {
            let ids = ["notice", "notice_id", "noticeId"].compactMap { Self.field($0, in: line) }
            guard ids.contains(noticeID) else { return false }
        }
        return true
    }

    /// The value of `key` in a logfmt line (quotes removed), or nil.
    static func field(_ key: String, in line: Substring) -> String? {
        var rest = line[...]
        while let range = rest.range(of: "\(key)=") {
            let atStart = range.lowerBound == line.startIndex || line[line.index(before: range.lowerBound)] == " "
            var value = rest[range.upperBound...]
            if atStart {
                if value.first == "\"" {
                    value = value.dropFirst()
                    return String(value.prefix { $0 != "\"" })
                }
                return String(value.prefix { $0 != " " })
            }
            rest = value
        }
        return nil
    }
}
