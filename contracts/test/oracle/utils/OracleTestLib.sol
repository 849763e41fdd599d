// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";

/// @notice Independent reference implementations used by the oracle tests: the EIP-712 digest of a `Report`, hashed
/// field by field, and the off-chain aggregation the reporters agree on before signing (lower median of each field
/// over the observers' observations), which the contract does not compute but the fault model relies on.
library OracleTestLib {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant REPORT_TYPEHASH = keccak256(
        "Report(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 curtailedGpuHours,uint64 observedAt,uint32 observers,uint32 configVersion)"
    );
    string internal constant NAME = "RwaCompute UtilizationOracle";
    string internal constant VERSION = "1";

    /// @dev One reporter's own view of a pool for one epoch, before aggregation (test-only: the contract only ever
    /// sees the aggregate). Counters are cumulative, as in the report.
    struct Observation {
        uint16 utilizationBps;
        uint16 uptimeBps;
        uint64 deliveredGpuHours;
        uint64 energyKwh;
        uint64 curtailedGpuHours;
        uint64 observedAt;
    }

    /// @dev The EIP-712 domain separator of an oracle deployed at `oracle` on the current chain.
    function domainSeparator(address oracle) internal view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(NAME)), keccak256(bytes(VERSION)), block.chainid, oracle)
        );
    }

    /// @dev The digest every reporter signs for `report` on the oracle at `oracle`, each field encoded on its own.
    function digest(address oracle, IUtilizationOracle.Report memory report) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(
                    REPORT_TYPEHASH,
                    report.poolId,
                    uint256(report.epoch),
                    uint256(report.utilizationBps),
                    uint256(report.uptimeBps),
                    uint256(report.deliveredGpuHours)
                ),
                abi.encode(
                    uint256(report.energyKwh),
                    uint256(report.curtailedGpuHours),
                    uint256(report.observedAt),
                    uint256(report.observers),
                    uint256(report.configVersion)
                )
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(oracle), structHash));
    }

    /// @dev The number of set bits of `bits`.
    function popCount(uint256 bits) internal pure returns (uint256 count) {
        for (; bits != 0; bits &= bits - 1) {
            ++count;
        }
    }

    /// @dev The lower median (sorted element `(n - 1) / 2`) of `values`; `values` is left untouched.
    function lowerMedian(uint256[] memory values) internal pure returns (uint256) {
        uint256 n = values.length;
        uint256[] memory copy = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            copy[i] = values[i];
        }
        // Selection sort: tiny arrays, clarity over speed.
        for (uint256 i; i < n; ++i) {
            uint256 minIndex = i;
            for (uint256 j = i + 1; j < n; ++j) {
                if (copy[j] < copy[minIndex]) minIndex = j;
            }
            (copy[i], copy[minIndex]) = (copy[minIndex], copy[i]);
        }
        return copy[(n - 1) / 2];
    }

    /// @dev The aggregate report of one round: the lower median of each field over `observations[i]` of every
    /// reporter position i whose bit is set in `observers` (the rule of docs/SPEC.md, "Oracle fault model").
    function aggregate(
        bytes32 poolId,
        uint64 epoch,
        Observation[] memory observations,
        uint32 observers,
        uint32 configVersion
    ) internal pure returns (IUtilizationOracle.Report memory report) {
        uint256 n = popCount(observers);
        uint256[][6] memory columns;
        for (uint256 f; f < 6; ++f) {
            columns[f] = new uint256[](n);
        }
        uint256 k;
        for (uint256 i; i < observations.length; ++i) {
            if (observers & (uint256(1) << i) == 0) continue;
            Observation memory o = observations[i];
            columns[0][k] = o.utilizationBps;
            columns[1][k] = o.uptimeBps;
            columns[2][k] = o.deliveredGpuHours;
            columns[3][k] = o.energyKwh;
            columns[4][k] = o.curtailedGpuHours;
            columns[5][k] = o.observedAt;
            ++k;
        }
        report.poolId = poolId;
        report.epoch = epoch;
        report.utilizationBps = uint16(lowerMedian(columns[0]));
        report.uptimeBps = uint16(lowerMedian(columns[1]));
        report.deliveredGpuHours = uint64(lowerMedian(columns[2]));
        report.energyKwh = uint64(lowerMedian(columns[3]));
        report.curtailedGpuHours = uint64(lowerMedian(columns[4]));
        report.observedAt = uint64(lowerMedian(columns[5]));
        report.observers = observers;
        report.configVersion = configVersion;
    }

    /// @dev What the oracle stores for an accepted `report` with `signerCount` signatures.
    function stored(IUtilizationOracle.Report memory report, uint256 signerCount)
        internal
        pure
        returns (IUtilizationOracle.PoolReport memory)
    {
        return IUtilizationOracle.PoolReport({
            epoch: report.epoch,
            observedAt: report.observedAt,
            utilizationBps: report.utilizationBps,
            uptimeBps: report.uptimeBps,
            configVersion: report.configVersion,
            signerCount: uint8(signerCount),
            observers: report.observers,
            deliveredGpuHours: report.deliveredGpuHours,
            energyKwh: report.energyKwh,
            curtailedGpuHours: report.curtailedGpuHours
        });
    }
}
