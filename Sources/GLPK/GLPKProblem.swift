// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Foundation
import LP

/// Why a GLPK call did not run to completion.
public enum GLPKError: Error, CustomStringConvertible {
    /// The model failed validation before GLPK saw it.
    case invalidModel(LPError)
    /// GLPK raised an internal error (it would have aborted the process);
    /// the thread's GLPK environment was reset.
    case internalError(call: String, message: String)
    /// The problem was used from a thread other than the one that created it.
    case wrongThread(call: String)
    /// The problem was destroyed by an earlier internal error on its thread.
    case problemInvalidated(call: String)

    public var description: String {
        switch self {
        case .invalidModel(let e): return "invalid LP: \(e)"
        case let .internalError(call, message):
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "GLPK error in \(call)\(text.isEmpty ? "" : ": \(text)")"
        case .wrongThread(let call):
            return "GLPK problem used from another thread in \(call); a problem must stay on the thread that created it"
        case .problemInvalidated(let call):
            return "GLPK problem used in \(call) after an internal GLPK error reset its thread's environment"
        }
    }
}

/// One GLPK problem (`glp_prob`), owned for its whole life by the thread
/// that created it.
///
/// GLPK keeps its environment per thread: a `glp_prob` touched from another
/// thread aborts the process. This class is not `Sendable`, and every method
/// checks the calling thread and throws ``GLPKError/wrongThread(call:)``
/// instead of calling GLPK. Use it only from synchronous code (no `await`
/// between creation and the last use), or let ``GLPKSolver`` manage one per
/// call. `deinit` frees the problem on its own thread; a problem released on
/// another thread is leaked rather than freed, because freeing it there would
/// abort.
public final class GLPKProblem {
    let rawPointer: OpaquePointer
    private let owner: pthread_t
    private let generation: Int
    public private(set) var rows = 0
    public private(set) var columns = 0
    /// The matrix last loaded, to skip reloading an unchanged one.
    private(set) var loadedMatrix: CompactMatrix?
    /// The triplets that `loadedMatrix` was compacted from: an LP with
    /// these same triplets has that matrix, with no need to compact again.
    private var loadedTriplets: (rows: [Int32], columns: [Int32], values: [Double])?
    /// Costs and objective constant as loaded or last set.
    private(set) var cost: [Double] = []
    private var objectiveConstant = 0.0
    /// Whether the last solve left an optimal basis to warm-start from.
    public private(set) var hasOptimalBasis = false
    /// Simplex iterations GLPK has counted since the problem was last
    /// loaded: an update in place (``loadOrUpdate(_:)``) does not reset it.
    public var iterationCount: Int {
        get throws(GLPKError) {
            try check("iterationCount")
            return Int(glp_get_it_cnt(rawPointer))
        }
    }
    /// Column bounds as loaded (crossover fixes and restores them).
    private(set) var columnLower: [Double] = []
    private(set) var columnUpper: [Double] = []
    /// Row bounds as loaded or last set (crossover holds rows too).
    private(set) var rowLower: [Double] = []
    private(set) var rowUpper: [Double] = []
    /// The largest |cost| of the loaded objective (scale for crossover).
    private(set) var costScale = 0.0
    /// The loaded LP's ``LinearProgram/linkingBlocks`` (crossover pins them first).
    private(set) var linkingBlocks: [ColumnBlock] = []

    public init() {
        owner = pthread_self()
        rawPointer = mg_create_prob()
        generation = mg_env_generation()
    }

    deinit {
        if pthread_equal(owner, pthread_self()) != 0, generation == mg_env_generation() {
            _ = mg_delete_prob(rawPointer)
        }
    }

    private func check(_ call: String) throws(GLPKError) {
        guard pthread_equal(owner, pthread_self()) != 0 else { throw .wrongThread(call: call) }
        guard generation == mg_env_generation() else { throw .problemInvalidated(call: call) }
    }

    func guardCode(_ call: String, _ code: Int32) throws(GLPKError) {
        if code == MG_GLPK_ERROR {
            throw .internalError(call: call, message: String(cString: mg_last_message()))
        }
    }

    /// Replaces the problem's contents with `lp` in one bulk load (one
    /// `glp_load_matrix` with duplicates summed first).
    public func load(_ lp: LinearProgram) throws(GLPKError) {
        try check("load")
        let matrix: CompactMatrix
        do { matrix = try lp.validatedMatrix() } catch { throw .invalidModel(error) }
        let m = lp.rowCount, n = lp.columnCount
        try guardCode("glp_load_matrix", transfer(lp, matrix, update: false))
        rows = m
        columns = n
        loadedMatrix = matrix
        loadedTriplets = (lp.tripletRows, lp.tripletColumns, lp.tripletValues)
        keepVectors(of: lp)
        hasOptimalBasis = false
    }

    /// Gives GLPK `lp`'s bounds and costs and `matrix`: `mg_load` (a new
    /// problem) or `mg_update` (statuses kept), which take the same arguments.
    private func transfer(_ lp: LinearProgram, _ matrix: CompactMatrix, update: Bool) -> Int32 {
        let call = update ? mg_update : mg_load
        return matrix.rows.withUnsafeBufferPointer { ia in
            matrix.columns.withUnsafeBufferPointer { ja in
                call(rawPointer, Int32(lp.rowCount), Int32(lp.columnCount), lp.rowLower, lp.rowUpper,
                     lp.columnLower, lp.columnUpper, lp.cost, lp.objectiveConstant,
                     Int32(matrix.count), ia.baseAddress, ja.baseAddress, matrix.values)
            }
        }
    }

    /// Records `lp`'s bounds, costs and linking blocks as what the problem now holds.
    private func keepVectors(of lp: LinearProgram) {
        columnLower = lp.columnLower
        columnUpper = lp.columnUpper
        rowLower = lp.rowLower
        rowUpper = lp.rowUpper
        cost = lp.cost
        objectiveConstant = lp.objectiveConstant
        costScale = lp.cost.reduce(0) { max($0, abs($1)) }
        linkingBlocks = lp.linkingBlocks.filter { $0.start >= 0 && $0.count > 0 && $0.start + $0.count <= columns }
    }

    /// Loads `lp` in place of the current model. When it has the same
    /// numbers of rows and columns, only the bounds and costs that changed
    /// are set (and the matrix, if it changed) and the basis is kept, so the
    /// next `solve(method: .simplex, warmStart: true)` starts from it. An LP
    /// whose triplets are bit for bit those of the loaded one has its matrix
    /// (it is not compacted again); any other is compacted and compared.
    ///
    /// - Returns: true when the model was updated in place (a warm start is possible).
    @discardableResult
    public func loadOrUpdate(_ lp: LinearProgram) throws(GLPKError) -> Bool {
        try check("loadOrUpdate")
        guard lp.rowCount == rows, lp.columnCount == columns, let previous = loadedMatrix, rows > 0,
              cost.count == columns, columnLower.count == columns, rowLower.count == rows else {
            try load(lp)
            return false
        }
        var matrix: CompactMatrix?
        do {
            if let t = loadedTriplets, lp.hasTriplets(rows: t.rows, columns: t.columns, values: t.values) {
                try lp.validateBoundsAndCosts()
            } else {
                let compact = try lp.validatedMatrix()
                let same = compact.rows == previous.rows && compact.columns == previous.columns
                    && compact.values == previous.values
                matrix = same ? nil : compact
            }
        } catch { throw .invalidModel(error) }
        if let matrix {
            // As a load of bounds, costs and matrix, the basis statuses kept.
            try guardCode("glp_set_col_bnds", transfer(lp, matrix, update: true))
            loadedMatrix = matrix
        } else {
            let code = mg_update_changed(rawPointer, Int32(rows), Int32(columns), lp.rowLower, lp.rowUpper,
                                         lp.columnLower, lp.columnUpper, lp.cost, lp.objectiveConstant,
                                         rowLower, rowUpper, columnLower, columnUpper, cost, objectiveConstant)
            try guardCode("glp_set_col_bnds", code)
        }
        keepVectors(of: lp)
        loadedTriplets = (lp.tripletRows, lp.tripletColumns, lp.tripletValues)
        return true
    }

    /// Changes bounds of some columns in place (keeps the basis for a warm start).
    public func setColumnBounds(_ indices: [Int], lower: [Double], upper: [Double]) throws(GLPKError) {
        try check("setColumnBounds")
        try validateIndexed(indices, lower, upper, limit: columns, what: "column")
        let idx = indices.map { Int32($0) }
        try guardCode("glp_set_col_bnds", mg_set_col_bounds(rawPointer, Int32(idx.count), idx, lower, upper))
        for (k, j) in indices.enumerated() {
            columnLower[j] = lower[k]
            columnUpper[j] = upper[k]
        }
    }

    /// Changes bounds of some rows in place.
    public func setRowBounds(_ indices: [Int], lower: [Double], upper: [Double]) throws(GLPKError) {
        try check("setRowBounds")
        try validateIndexed(indices, lower, upper, limit: rows, what: "row")
        let idx = indices.map { Int32($0) }
        try guardCode("glp_set_row_bnds", mg_set_row_bounds(rawPointer, Int32(idx.count), idx, lower, upper))
        for (k, i) in indices.enumerated() {
            rowLower[i] = lower[k]
            rowUpper[i] = upper[k]
        }
    }

    /// Changes objective coefficients in place.
    public func setCosts(_ indices: [Int], _ costs: [Double]) throws(GLPKError) {
        try check("setCosts")
        try validateIndexed(indices, costs, costs, limit: columns, what: "column")
        let idx = indices.map { Int32($0) }
        try guardCode("glp_set_obj_coef", mg_set_obj_coefs(rawPointer, Int32(idx.count), idx, costs))
        for (k, j) in indices.enumerated() { cost[j] = costs[k] }
        costScale = costs.reduce(costScale) { max($0, abs($1)) }
    }

    private func validateIndexed(_ idx: [Int], _ a: [Double], _ b: [Double], limit: Int,
                                 what: String) throws(GLPKError) {
        guard idx.count == a.count, idx.count == b.count else {
            throw .invalidModel(.tooLarge("\(idx.count) \(what) indices for \(a.count) values"))
        }
        for (k, i) in idx.enumerated() {
            guard i >= 0, i < limit else {
                throw .invalidModel(.indexOutOfRange(entry: k, row: what == "row" ? i : -1,
                                                     column: what == "row" ? -1 : i,
                                                     rows: rows, columns: columns))
            }
            guard !a[k].isNaN, !b[k].isNaN, a[k] != .infinity, b[k] != -.infinity else {
                throw .invalidModel(.notFinite(what: "bound or cost of \(what) \(i)", value: a[k].isNaN ? a[k] : b[k]))
            }
            if a[k] > b[k] { // costs pass the same array twice: never crossed
                throw .invalidModel(.crossedBounds(what: "\(what) \(i)", lower: a[k], upper: b[k]))
            }
        }
    }

    /// Solves with the given method. With `warmStart`, the simplex starts
    /// from the current basis (after a previous solve) without presolve.
    ///
    /// `.interior` returns the raw interior point; `.auto` here means the
    /// interior point followed by crossover to a vertex (``GLPKSolver``
    /// picks the simplex instead for small models). When the interior point
    /// fails, both fall back to the simplex and say so in `notes`.
    public func solve(method: SolveMethod, warmStart: Bool = false,
                      timeLimitSeconds: Double? = nil,
                      crossoverTimeLimitSeconds: Double? = nil) throws(GLPKError) -> LPSolution {
        try check("solve")
        let started = DispatchTime.now().uptimeNanoseconds
        var solution: LPSolution
        switch method {
        case .simplex:
            solution = try simplex(warmStart: warmStart, timeLimitSeconds: timeLimitSeconds)
        case .interior, .auto:
            solution = try interior()
            if solution.status == .infeasible {
                switch try classifyNoFeasibleInterior() {
                case .unbounded?: solution = result(.unbounded, .interior)
                case .infeasible?: break
                default: solution = result(.failed("interior point could not tell infeasible from unbounded"), .interior)
                }
            }
            solution.interiorSeconds = Self.seconds(since: started)
            if case .failed(let why) = solution.status {
                let interiorSeconds = solution.interiorSeconds
                solution = try simplex(warmStart: false, timeLimitSeconds: timeLimitSeconds)
                solution.interiorSeconds = interiorSeconds
                solution.notes.append("\(why); solved with the simplex method instead")
            } else if method == .auto, solution.status == .optimal {
                let limit = crossoverTimeLimitSeconds ?? max(20, 10 * (solution.interiorSeconds ?? 0))
                solution = try crossover(from: solution, timeLimitSeconds: limit)
            }
        }
        if solution.status == .optimal {
            // A vertex's noise is snapped; a raw interior point is only kept within its bounds.
            solution.snapToBounds(lower: columnLower, upper: columnUpper,
                                  tolerance: solution.isVertex ? LPSolution.boundSnapTolerance : 0)
        }
        solution.solveSeconds = Self.seconds(since: started)
        hasOptimalBasis = solution.status == .optimal && solution.isVertex
        return solution
    }

    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
