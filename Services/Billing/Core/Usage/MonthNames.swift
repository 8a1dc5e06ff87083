import Runtime

/// `YYYY-MM` strings, made once per month per batch (the hot path formats no dates).
struct MonthNames {
    private var names: [LocalDate: String] = [:]

    mutating func name(_ month: BillingMonth) -> String {
        if let name = names[month.firstDay] { return name }
        let name = month.description
        names[month.firstDay] = name
        return name
    }
}
