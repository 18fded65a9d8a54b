// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import LP

/// GLPK's version string, e.g. "5.0".
public let glpkVersion: String = String(cString: glp_version())

extension GLPKProblem {
    /// Primal simplex with presolve from scratch; dual simplex with the
    /// long-step ratio test (`GLP_RT_FLIP`) from the current basis when
    /// warm-starting. `primalFromBasis` runs the primal simplex from the
    /// current (primal feasible) basis instead: crossover's last pass;
    /// `dualFromScratch` the long-step dual simplex with presolve (crossover's
    /// reduced LP: ~8,000 instead of ~12,000 iterations on the bundled year).
    func simplex(warmStart: Bool, timeLimitSeconds: Double?,
                 primalFromBasis: Bool = false, dualFromScratch: Bool = false) throws(GLPKError) -> LPSolution {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.tol_dj = Self.dualTolerance
        if let limit = timeLimitSeconds { parm.tm_lim = Int32(clamping: Int((max(0.001, limit) * 1000).rounded())) }
        let useBasis = primalFromBasis || (warmStart && hasOptimalBasis)
        if primalFromBasis {
            parm.meth = GLP_PRIMAL
            parm.presolve = GLP_OFF
        } else if useBasis {
            parm.meth = GLP_DUALP
            parm.r_test = GLP_RT_FLIP
            parm.presolve = GLP_OFF
        } else {
            parm.meth = dualFromScratch ? GLP_DUALP : GLP_PRIMAL
            parm.r_test = dualFromScratch ? GLP_RT_FLIP : parm.r_test
            parm.presolve = GLP_ON
        }
        var ret: Int32 = 0
        try guardCode("glp_simplex", mg_simplex(rawPointer, &parm, &ret))
        // A presolved run leaves no basis when infeasible or unbounded.
        switch ret {
        case 0: break
        case GLP_ENOPFS: return result(.infeasible, .simplex)
        case GLP_ENODFS: return result(.unbounded, .simplex)
        case GLP_EITLIM: return result(.failed("simplex iteration limit reached"), .simplex)
        case GLP_ETMLIM: return result(.failed("simplex time limit reached"), .simplex)
        default:
            // Numerical trouble from a warm basis: retry once from scratch.
            if useBasis && !primalFromBasis { return try simplex(warmStart: false, timeLimitSeconds: timeLimitSeconds) }
            return result(.failed("glp_simplex returned code \(ret)"), .simplex)
        }
        return try readSolution(interior: false)
    }

    /// GLPK's relative tolerance on reduced costs (`tol_dj`, default 1e-7).
    /// At its default, a degenerate optimum can come back with duals
    /// wrong-signed by ~1e-7 (seen: two import steps tied at their block's
    /// peak with peak-row duals of ±1.2e-7, shifting a written price by
    /// 1.2e-7). Marginal prices are promised complementary to 1e-9.
    static let dualTolerance = 1e-9

    /// Interior point (primal-dual, AMD ordering). GLPK's interior point
    /// has no crossover, so it leaves no basis to warm-start from.
    func interior() throws(GLPKError) -> LPSolution {
        var parm = glp_iptcp()
        glp_init_iptcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.ord_alg = GLP_ORD_AMD
        var ret: Int32 = 0
        try guardCode("glp_interior", mg_interior(rawPointer, &parm, &ret))
        switch ret {
        case 0: break
        case GLP_EFAIL where rows == 0 || columns == 0:
            // Empty problems: nothing to do for interior point.
            return result(.failed("empty problem"), .interior)
        case GLP_ENOCVG: return result(.failed("interior point did not converge"), .interior)
        case GLP_EITLIM: return result(.failed("interior point iteration limit reached"), .interior)
        case GLP_EINSTAB: return result(.failed("interior point numerically unstable"), .interior)
        default: return result(.failed("glp_interior returned code \(ret)"), .interior)
        }
        return try readSolution(interior: true)
    }

    /// Tells apart the two meanings of the interior point's "no feasible
    /// solution" (`GLP_NOFEAS`): GLPK reports it both when no point meets
    /// the constraints and when one does but the objective is unbounded
    /// (no feasible dual). The same LP with a zero objective is solved by
    /// the interior point: a feasible point there means the original is
    /// unbounded. The costs are restored afterwards.
    ///
    /// - Returns: `.infeasible` or `.unbounded`; nil when the check itself
    ///   ends without a verdict (the caller then asks the simplex).
    func classifyNoFeasibleInterior() throws(GLPKError) -> LPStatus? {
        let priced = cost.indices.filter { cost[$0] != 0 }
        guard !priced.isEmpty else { return .infeasible }  // already a feasibility problem
        let idx = priced.map { Int32($0) }
        let zeros = [Double](repeating: 0, count: priced.count)
        try guardCode("glp_set_obj_coef", mg_set_obj_coefs(rawPointer, Int32(idx.count), idx, zeros))
        let feasibility = try interior()
        let restored = priced.map { cost[$0] }
        try guardCode("glp_set_obj_coef", mg_set_obj_coefs(rawPointer, Int32(idx.count), idx, restored))
        switch feasibility.status {
        case .optimal: return .unbounded
        case .infeasible: return .infeasible
        default: return nil
        }
    }

    func result(_ status: LPStatus, _ method: SolveMethod) -> LPSolution {
        LPSolution(status: status, method: method, solverName: "GLPK", solverVersion: glpkVersion)
    }

    private func readSolution(interior: Bool) throws(GLPKError) -> LPSolution {
        var x = [Double](repeating: 0, count: columns)
        var duals = [Double](repeating: 0, count: rows)
        var status: Int32 = 0
        var objective = 0.0
        let code = interior
            ? mg_read_interior(rawPointer, &status, &objective, &x, &duals)
            : mg_read_basic(rawPointer, &status, &objective, &x, &duals)
        try guardCode(interior ? "glp_ipt_col_prim" : "glp_get_col_prim", code)
        let method: SolveMethod = interior ? .interior : .simplex
        let lpStatus: LPStatus
        switch status {
        case GLP_OPT: lpStatus = .optimal
        case GLP_NOFEAS: lpStatus = .infeasible
        case GLP_UNBND: lpStatus = .unbounded
        case GLP_INFEAS where interior: lpStatus = .failed("interior point ended infeasible")
        default: lpStatus = .failed("GLPK solution status \(status)")
        }
        guard lpStatus == .optimal else { return result(lpStatus, method) }
        guard objective.isFinite else { return result(.failed("GLPK returned a non-finite objective"), method) }
        return LPSolution(status: .optimal, objective: objective, columnValues: x, rowDuals: duals,
                          method: method, iterations: Int(glp_get_it_cnt(rawPointer)),
                          solverName: "GLPK", solverVersion: glpkVersion)
    }
}
