/// The platform's one HTML escaper (issue 18): text put into an element or a quoted attribute
/// value. `&`, `<`, `>`, `"` and `'` become entities; everything else is kept as it is. Used by the
/// gateway's `HTML` fragments, billing's invoice page and the vault's certificate page.
public enum HTMLEscape {
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let entity: String?
            switch scalars[index] {
            case "&": entity = "&amp;"
            case "<": entity = "&lt;"
            case ">": entity = "&gt;"
            case "\"": entity = "&quot;"
            case "'": entity = "&#39;"
            default: entity = nil
            }
            if let entity {
                out.unicodeScalars.append(contentsOf: scalars[start..<index])
                out += entity
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[start..<scalars.endIndex])
        return out
    }
}
