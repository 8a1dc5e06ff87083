import Schema

/// Integer codes of the enums in the store: stable, compact, and meaningless to a reader of a dump.
enum StoredCodes {
    static func code(_ carrier: Carrier) -> Int { carrier.priority }
    static func carrier(_ code: Int) -> Carrier {
        switch code {
        case 1: .skt
        case 2: .lgu
        default: .kt
        }
    }

    static func code(_ kind: LineKind) -> Int {
        switch kind {
        case .personal: 0
        case .corporate: 1
        case .feature2G: 2
        }
    }

    static func kind(_ code: Int) -> LineKind {
        switch code {
        case 1: .corporate
        case 2: .feature2G
        default: .personal
        }
    }

    static func code(_ status: LineStatus) -> Int { status == .active ? 0 : 1 }
    static func status(_ code: Int) -> LineStatus { code == 0 ? .active : .cancelled }

    static func fieldsText(_ fields: [DisclosedField]) -> String {
        Set(fields).sorted().map(\.rawValue).joined(separator: ",")
    }

    static func fields(_ text: String) -> [DisclosedField] {
        text.split(separator: ",").compactMap { DisclosedField(rawValue: String($0)) }
    }
}
