/// Extra storage (BI-2): each day stored is billed as 1/days-in-month of the monthly MB price,
/// on the MB (two decimals) beyond the plan's allowance that day.
public enum StorageCharge {
    /// Hundredths of MB-days above the allowance newly billed on this invoice: for a day billed
    /// before, only the growth of its excess.
    public static func excessHundredths(_ days: [InvoiceInputs.StorageDay], includedMB: Int64) -> Int64 {
        let allowance = includedMB * 100
        return days.reduce(0) { sum, day in
            sum + max(0, day.hundredthsUpTo - allowance) - max(0, day.hundredthsBefore - allowance)
        }
    }

    /// Won for `excess` hundredths of MB-days at `pricePerMBMonth` in a month of `dayCount` days,
    /// rounded half up.
    public static func amount(excessHundredths excess: Int64, pricePerMBMonth: Int64, dayCount: Int) -> Int64 {
        Rounding.divideHalfUp(excess * pricePerMBMonth, by: 100 * Int64(dayCount))
    }
}
