// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

extension DispatchModel {
    /// Families present in this model, in the order they are tried.
    public var constraintFamilies: [ConstraintFamily] {
        ConstraintFamily.allCases.filter { familyRows[$0] != nil || familyColumns[$0] != nil }
    }

    /// The LP with the rows and column bounds of `families` relaxed: rows
    /// made free; must-take columns may fall to 0; storage levels unbounded.
    public func relaxing(_ families: [ConstraintFamily]) -> LinearProgram {
        var relaxed = lp
        for f in families {
            for i in familyRows[f] ?? [] { relaxed.setRowBounds(i, lower: -.infinity, upper: .infinity) }
            for j in familyColumns[f] ?? [] {
                switch f {
                case .mustTake: relaxed.setColumnBounds(j, lower: 0, upper: relaxed.columnUpper[j])
                default: relaxed.setColumnBounds(j, lower: -.infinity, upper: .infinity)
                }
            }
        }
        return relaxed
    }

    /// Names the constraint family that makes the model infeasible: the
    /// first family whose relaxation alone makes it feasible; else the
    /// smallest leading set of families that does. Nil when even relaxing
    /// every family leaves it infeasible.
    public func diagnoseInfeasibility(_ feasible: (LinearProgram) -> Bool) -> [ConstraintFamily]? {
        let families = constraintFamilies
        for f in families where feasible(relaxing([f])) { return [f] }
        for n in stride(from: 2, through: families.count, by: 1) where feasible(relaxing(Array(families.prefix(n)))) {
            return Array(families.prefix(n))
        }
        return nil
    }
}
