// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {OracleBase} from "./OracleBase.sol";

/// @notice Regression guard for the gas target: a 3-signature report for a pool's non-first epoch <= 90k gas
/// as a transaction. Transaction gas is estimated as intrinsic (21 000 + calldata, EIP-7623 floor included) plus
/// the measured execution gas with the oracle's storage cooled (`vm.cool`), which over-counts by the cold account
/// access of the inner call, so the estimate is conservative.
contract OracleGasTest is OracleBase {
    uint256 internal constant TARGET = 90_000;

    function _calldataGas(bytes memory data) internal pure returns (uint256 standard, uint256 floor) {
        uint256 zeros;
        for (uint256 i; i < data.length; ++i) {
            if (data[i] == 0) ++zeros;
        }
        uint256 tokens = zeros + 4 * (data.length - zeros);
        standard = 4 * tokens;
        floor = 10 * tokens;
    }

    /// @dev A realistic aggregate: every counter moved since the previous epoch (all storage words change).
    function _realisticReport(uint64 epoch) internal view returns (IUtilizationOracle.Report memory report) {
        report = _report(POOL, epoch);
        report.utilizationBps = uint16(8100 + epoch);
        report.uptimeBps = 9987;
        report.deliveredGpuHours = 11_520 * epoch;
        report.energyKwh = 48_310 * epoch;
        report.curtailedGpuHours = 12 * epoch;
        report.observedAt = uint64(block.timestamp - 7);
    }

    function test_Gas_ThreeSignatures_NonFirstEpoch() external {
        _submit(_realisticReport(1), 3);
        vm.warp(block.timestamp + 1 hours);

        IUtilizationOracle.Report memory report = _realisticReport(2);
        bytes[] memory sigs = _signAll(_firstKeys(3), report);
        bytes memory data = abi.encodeCall(IUtilizationOracle.submitReport, (report, sigs));

        vm.cool(address(oracle));
        uint256 before = gasleft();
        oracle.submitReport(report, sigs);
        uint256 execution = before - gasleft();

        (uint256 standard, uint256 floor) = _calldataGas(data);
        uint256 txGas = 21_000 + (standard + execution > floor ? standard + execution : floor);
        emit log_named_uint("execution gas (cold storage)", execution);
        emit log_named_uint("calldata gas", standard);
        emit log_named_uint("estimated tx gas", txGas);
        assertLe(txGas, TARGET, "3-signature report exceeds the gas target");
    }
}
