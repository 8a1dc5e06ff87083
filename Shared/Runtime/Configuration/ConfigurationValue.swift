import Foundation
import Logging

/// Parsers for configuration values; each failure names its flag or variable.
enum ConfigurationValue {
    static func serviceName(_ name: String) throws(ConfigurationError) -> String {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw .invalidValue(source: "service name", value: name, expected: "lower-case letters, digits and '-'")
        }
        return name
    }

    static func instance(_ value: SourcedValue) throws(ConfigurationError) -> String {
        let allowed = value.text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
        guard !value.text.isEmpty, allowed else {
            throw .invalidValue(source: value.source, value: value.text, expected: "letters, digits, '-', '_' or '.'")
        }
        return value.text
    }

    static func endpoint(_ value: SourcedValue) throws(ConfigurationError) -> String {
        let schemes = ["tcp://", "ipc://", "inproc://"]
        guard let scheme = schemes.first(where: value.text.hasPrefix), value.text.count > scheme.count else {
            throw .invalidValue(source: value.source, value: value.text, expected: "tcp://host:port, ipc://path or inproc://name")
        }
        return value.text
    }

    static func directory(_ value: SourcedValue) throws(ConfigurationError) -> URL {
        guard !value.text.isEmpty else {
            throw .invalidValue(source: value.source, value: value.text, expected: "a directory path")
        }
        return URL(fileURLWithPath: value.text, isDirectory: true)
    }

    static func file(_ value: SourcedValue) throws(ConfigurationError) -> URL {
        guard !value.text.isEmpty else {
            throw .invalidValue(source: value.source, value: value.text, expected: "a file path")
        }
        return URL(fileURLWithPath: value.text, isDirectory: false)
    }

    static func logLevel(_ value: SourcedValue) throws(ConfigurationError) -> Logger.Level {
        let text = value.text.lowercased()
        if text == "warn" { return .warning }
        guard let level = Logger.Level(rawValue: text) else {
            throw .invalidValue(
                source: value.source, value: value.text,
                expected: Logger.Level.allCases.map(\.rawValue).joined(separator: "|"))
        }
        return level
    }

    static func seconds(_ value: SourcedValue) throws(ConfigurationError) -> Int64 {
        guard let seconds = Int64(value.text), abs(seconds) <= 10 * 366 * 86_400 else {
            throw .invalidValue(source: value.source, value: value.text, expected: "whole seconds within ten years")
        }
        return seconds
    }

    static func boolean(_ value: SourcedValue) throws(ConfigurationError) -> Bool {
        switch value.text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw .invalidValue(source: value.source, value: value.text, expected: "1 or 0")
        }
    }
}
