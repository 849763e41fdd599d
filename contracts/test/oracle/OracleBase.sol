// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../src/oracle/UtilizationOracle.sol";
import {OracleTestLib} from "./utils/OracleTestLib.sol";

/// @notice Shared fixture of the oracle unit, fuzz and access-control tests: five reporters (position i of
/// `reporters()` is `reporterAddrs[i]`), quorum 3, max age 1 h.
abstract contract OracleBase is Test {
    uint256 internal constant START = 1_750_000_000;
    uint64 internal constant MAX_AGE = 1 hours;
    uint8 internal constant QUORUM = 3;
    uint256 internal constant NUM_REPORTERS = 5;
    uint64 internal constant MAX_EPOCH_GAP = 8760;
    bytes32 internal constant POOL = keccak256("pool:oracle-test-1");
    bytes32 internal constant POOL_2 = keccak256("pool:oracle-test-2");
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    UtilizationOracle internal oracle;

    address internal admin = makeAddr("admin");
    address internal outsider = makeAddr("outsider");
    address internal stranger;
    uint256 internal strangerKey;

    address[] internal reporterAddrs;
    uint256[] internal reporterKeys;

    function setUp() public virtual {
        vm.warp(START);
        for (uint256 i; i < NUM_REPORTERS; ++i) {
            (address addr, uint256 key) = makeAddrAndKey(string.concat("reporter", vm.toString(i)));
            reporterAddrs.push(addr);
            reporterKeys.push(key);
        }
        (stranger, strangerKey) = makeAddrAndKey("stranger");
        oracle = new UtilizationOracle(admin, 0, reporterAddrs, QUORUM, MAX_AGE);
    }

    /*//////////////////////////////////////////////////////////////
                                BUILDERS
    //////////////////////////////////////////////////////////////*/

    /// @dev A bitmap of the first `n` reporter positions.
    function _mask(uint256 n) internal pure returns (uint32) {
        return uint32((uint256(1) << n) - 1);
    }

    /// @dev A typical aggregate for `(pool, epoch)` observed now by every reporter, under the current configuration.
    function _report(bytes32 pool, uint64 epoch) internal view returns (IUtilizationOracle.Report memory) {
        return IUtilizationOracle.Report({
            poolId: pool,
            epoch: epoch,
            utilizationBps: 8000,
            uptimeBps: 9950,
            deliveredGpuHours: 1200,
            energyKwh: 5400,
            curtailedGpuHours: 30,
            observedAt: uint64(block.timestamp),
            observers: _mask(oracle.reporters().length),
            configVersion: oracle.configVersion()
        });
    }

    /// @dev The first `n` reporter keys.
    function _firstKeys(uint256 n) internal view returns (uint256[] memory keys) {
        keys = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            keys[i] = reporterKeys[i];
        }
    }

    /*//////////////////////////////////////////////////////////////
                                SIGNING
    //////////////////////////////////////////////////////////////*/

    /// @dev Signs `report` with `key` over the independent reference digest.
    function _sign(uint256 key, IUtilizationOracle.Report memory report) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, OracleTestLib.digest(address(oracle), report));
        return abi.encodePacked(r, s, v);
    }

    /// @dev One signature of `report` per key, in the order of `keys`.
    function _signAll(uint256[] memory keys, IUtilizationOracle.Report memory report)
        internal
        view
        returns (bytes[] memory sigs)
    {
        sigs = new bytes[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            sigs[i] = _sign(keys[i], report);
        }
    }

    /// @dev Submits `report` signed by the first `n` reporters.
    function _submit(IUtilizationOracle.Report memory report, uint256 n) internal {
        oracle.submitReport(report, _signAll(_firstKeys(n), report));
    }

    /// @dev Submits the default report for `(pool, epoch)` signed by the first `n` reporters.
    function _submitDefault(bytes32 pool, uint64 epoch, uint256 n) internal {
        _submit(_report(pool, epoch), n);
    }

    /// @dev Expects the next call to revert with `Oracle_UnauthorizedSigner` naming whatever address signature
    /// `sig` recovers to over `report` (a signature over other bytes recovers to an unrelated address).
    function _expectUnauthorizedSigner(IUtilizationOracle.Report memory report, bytes memory sig) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IUtilizationOracle.Oracle_UnauthorizedSigner.selector, _recover(report, sig))
        );
    }

    /// @dev The address `sig` recovers to over the digest of `report`.
    function _recover(IUtilizationOracle.Report memory report, bytes memory sig) internal view returns (address) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := mload(add(sig, 0x20))
            s := mload(add(sig, 0x40))
            v := byte(0, mload(add(sig, 0x60)))
        }
        return ecrecover(OracleTestLib.digest(address(oracle), report), v, r, s);
    }

    /*//////////////////////////////////////////////////////////////
                               ASSERTIONS
    //////////////////////////////////////////////////////////////*/

    function _assertReport(IUtilizationOracle.PoolReport memory actual, IUtilizationOracle.PoolReport memory expected)
        internal
        pure
    {
        assertEq(actual.epoch, expected.epoch, "epoch");
        assertEq(actual.observedAt, expected.observedAt, "observedAt");
        assertEq(actual.utilizationBps, expected.utilizationBps, "utilizationBps");
        assertEq(actual.uptimeBps, expected.uptimeBps, "uptimeBps");
        assertEq(actual.configVersion, expected.configVersion, "configVersion");
        assertEq(actual.signerCount, expected.signerCount, "signerCount");
        assertEq(actual.observers, expected.observers, "observers");
        assertEq(actual.deliveredGpuHours, expected.deliveredGpuHours, "deliveredGpuHours");
        assertEq(actual.energyKwh, expected.energyKwh, "energyKwh");
        assertEq(actual.curtailedGpuHours, expected.curtailedGpuHours, "curtailedGpuHours");
    }

    /// @dev Asserts that the pool's stored report is `report` as signed, with `signerCount` signers.
    function _assertStored(bytes32 pool, IUtilizationOracle.Report memory report, uint256 signerCount) internal view {
        _assertReport(oracle.latest(pool), OracleTestLib.stored(report, signerCount));
    }
}
