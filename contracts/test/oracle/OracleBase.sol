// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {IUtilizationOracle} from "../../src/interfaces/IUtilizationOracle.sol";
import {UtilizationOracle} from "../../src/oracle/UtilizationOracle.sol";
import {OracleTestLib} from "./utils/OracleTestLib.sol";

/// @notice Shared fixture of the oracle unit, fuzz and access-control tests: five reporters, quorum 3, max age 1 h.
abstract contract OracleBase is Test {
    uint256 internal constant START = 1_750_000_000;
    uint64 internal constant MAX_AGE = 1 hours;
    uint8 internal constant QUORUM = 3;
    uint256 internal constant NUM_REPORTERS = 5;
    bytes32 internal constant POOL = keccak256("pool:oracle-test-1");
    bytes32 internal constant POOL_2 = keccak256("pool:oracle-test-2");

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

    function _obs(uint16 utilization, uint16 uptime, uint64 delivered, uint64 energy, uint64 observedAt)
        internal
        pure
        returns (IUtilizationOracle.Observation memory)
    {
        return IUtilizationOracle.Observation({
            utilizationBps: utilization,
            uptimeBps: uptime,
            deliveredGpuHours: delivered,
            energyKwh: energy,
            observedAt: observedAt
        });
    }

    /// @dev A typical observation taken now.
    function _defaultObs() internal view returns (IUtilizationOracle.Observation memory) {
        return _obs(8000, 9950, 1200, 5400, uint64(block.timestamp));
    }

    /// @dev `n` copies of `obs`.
    function _repeat(IUtilizationOracle.Observation memory obs, uint256 n)
        internal
        pure
        returns (IUtilizationOracle.Observation[] memory list)
    {
        list = new IUtilizationOracle.Observation[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = obs;
        }
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

    /// @dev Signs with the independent reference digest under configuration `version`.
    function _signVersion(
        uint256 key,
        bytes32 pool,
        uint64 epoch,
        IUtilizationOracle.Observation memory obs,
        uint32 version
    ) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, OracleTestLib.digest(address(oracle), pool, epoch, obs, version));
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signs under the oracle's current configuration.
    function _sign(uint256 key, bytes32 pool, uint64 epoch, IUtilizationOracle.Observation memory obs)
        internal
        view
        returns (bytes memory)
    {
        return _signVersion(key, pool, epoch, obs, oracle.configVersion());
    }

    /// @dev Signs `list[i]` with `keys[i]` under the current configuration.
    function _signAll(uint256[] memory keys, bytes32 pool, uint64 epoch, IUtilizationOracle.Observation[] memory list)
        internal
        view
        returns (bytes[] memory sigs)
    {
        sigs = new bytes[](list.length);
        for (uint256 i; i < list.length; ++i) {
            sigs[i] = _sign(keys[i], pool, epoch, list[i]);
        }
    }

    /// @dev Submits `list` signed by the first `list.length` reporters.
    function _submit(bytes32 pool, uint64 epoch, IUtilizationOracle.Observation[] memory list) internal {
        oracle.submitReport(pool, epoch, list, _signAll(_firstKeys(list.length), pool, epoch, list));
    }

    /// @dev Submits `n` identical default observations signed by the first `n` reporters.
    function _submitDefault(bytes32 pool, uint64 epoch, uint256 n) internal {
        _submit(pool, epoch, _repeat(_defaultObs(), n));
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
        assertEq(actual.deliveredGpuHours, expected.deliveredGpuHours, "deliveredGpuHours");
        assertEq(actual.energyKwh, expected.energyKwh, "energyKwh");
    }
}
