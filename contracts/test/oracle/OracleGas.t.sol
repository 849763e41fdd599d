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

    function _realisticObservations(uint64 t) internal pure returns (IUtilizationOracle.Observation[] memory obs) {
        obs = new IUtilizationOracle.Observation[](3);
        obs[0] = IUtilizationOracle.Observation(8123, 9987, 11_520, 48_310, t - 12);
        obs[1] = IUtilizationOracle.Observation(8090, 9991, 11_498, 48_295, t - 7);
        obs[2] = IUtilizationOracle.Observation(8150, 9979, 11_533, 48_322, t - 3);
    }

    function test_Gas_ThreeSignatures_NonFirstEpoch() external {
        _submit(POOL, 1, _realisticObservations(uint64(block.timestamp)));
        vm.warp(block.timestamp + 1 hours);

        IUtilizationOracle.Observation[] memory obs = _realisticObservations(uint64(block.timestamp));
        bytes[] memory sigs = _signAll(_firstKeys(3), POOL, 2, obs);
        bytes memory data = abi.encodeCall(IUtilizationOracle.submitReport, (POOL, 2, obs, sigs));

        vm.cool(address(oracle));
        uint256 before = gasleft();
        oracle.submitReport(POOL, 2, obs, sigs);
        uint256 execution = before - gasleft();

        (uint256 standard, uint256 floor) = _calldataGas(data);
        uint256 txGas = 21_000 + (standard + execution > floor ? standard + execution : floor);
        emit log_named_uint("execution gas (cold storage)", execution);
        emit log_named_uint("calldata gas", standard);
        emit log_named_uint("estimated tx gas", txGas);
        assertLe(txGas, TARGET, "3-signature report exceeds the gas target");
    }
}
