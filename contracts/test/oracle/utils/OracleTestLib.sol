// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../../src/interfaces/IUtilizationOracle.sol";

/// @notice Independent reference implementations used by the oracle tests (EIP-712 digest and lower median).
library OracleTestLib {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant REPORT_TYPEHASH = keccak256(
        "Report(bytes32 poolId,uint64 epoch,uint16 utilizationBps,uint16 uptimeBps,uint64 deliveredGpuHours,uint64 energyKwh,uint64 observedAt,uint32 configVersion)"
    );
    string internal constant NAME = "RwaCompute UtilizationOracle";
    string internal constant VERSION = "1";

    /// @dev The EIP-712 domain separator of an oracle deployed at `oracle` on the current chain.
    function domainSeparator(address oracle) internal view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(NAME)), keccak256(bytes(VERSION)), block.chainid, oracle)
        );
    }

    /// @dev The digest a reporter signs for `obs` on `(poolId, epoch)` under configuration `version`.
    function digest(
        address oracle,
        bytes32 poolId,
        uint64 epoch,
        IUtilizationOracle.Observation memory obs,
        uint32 version
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                REPORT_TYPEHASH,
                poolId,
                epoch,
                obs.utilizationBps,
                obs.uptimeBps,
                obs.deliveredGpuHours,
                obs.energyKwh,
                obs.observedAt,
                version
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(oracle), structHash));
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

    /// @dev The reference report (lower median of each field) for `observations`.
    function medianReport(IUtilizationOracle.Observation[] memory observations, uint64 epoch, uint32 version)
        internal
        pure
        returns (IUtilizationOracle.PoolReport memory report)
    {
        uint256 n = observations.length;
        uint256[][5] memory columns;
        for (uint256 f; f < 5; ++f) {
            columns[f] = new uint256[](n);
        }
        for (uint256 i; i < n; ++i) {
            columns[0][i] = observations[i].utilizationBps;
            columns[1][i] = observations[i].uptimeBps;
            columns[2][i] = observations[i].deliveredGpuHours;
            columns[3][i] = observations[i].energyKwh;
            columns[4][i] = observations[i].observedAt;
        }
        report.epoch = epoch;
        report.utilizationBps = uint16(lowerMedian(columns[0]));
        report.uptimeBps = uint16(lowerMedian(columns[1]));
        report.deliveredGpuHours = uint64(lowerMedian(columns[2]));
        report.energyKwh = uint64(lowerMedian(columns[3]));
        report.observedAt = uint64(lowerMedian(columns[4]));
        report.configVersion = version;
        report.signerCount = uint8(n);
    }
}
