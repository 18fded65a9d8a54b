// SPDX-License-Identifier: GPL-3.0-or-later

/// The hour-by-hour (step-by-step) dispatch: the columns of schedule.csv,
/// named `<name>.<quantity>_<unit>` as OUTPUTS.md fixes them.
public struct Schedule: Sendable {
    /// `timestamp` labels copied from the input CSV, or nil (then a 0-based `step` column).
    public var timestamps: [String]?
    public var steps: Int
    public private(set) var columns: [ScheduleColumn] = []
    private var index: [String: Int] = [:]

    public init(steps: Int, timestamps: [String]?) {
        self.steps = steps
        self.timestamps = timestamps
    }

    /// Makes room for `n` columns in all (no rehashing of the name index while appending).
    public mutating func reserveCapacity(_ n: Int) {
        columns.reserveCapacity(n)
        index.reserveCapacity(n)
    }

    public mutating func append(_ column: ScheduleColumn) {
        index[column.name] = columns.count
        columns.append(column)
    }

    /// The values of a column, or nil when the schedule has no such column.
    public subscript(_ name: String) -> [Double]? {
        index[name].map { columns[$0].values }
    }

    /// The values of a column, or zeros when absent.
    public func values(_ name: String) -> [Double] {
        self[name] ?? [Double](repeating: 0, count: steps)
    }
}
