/// Who may call a route.
enum Access: Sendable {
    /// Anyone (health, metrics, the OpenAPI document, public verification, recipient pages).
    case open
    /// An institution key.
    case institution
    /// An institution key, or an operator acting for the platform (guarantee association work).
    case institutionOrOperator
    /// An operator key.
    case `operator`
    /// An operator or auditor key (read-only oversight).
    case oversight

    func allows(_ scope: APIKeyScope) -> Bool {
        switch self {
        case .open: true
        case .institution: scope == .institution
        case .institutionOrOperator: scope == .institution || scope == .operator
        case .operator: scope == .operator
        case .oversight: scope == .operator || scope == .auditor
        }
    }
}
