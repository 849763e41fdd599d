// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {TokenBase} from "./TokenBase.sol";

/// @notice Access-control matrix: every role-gated function called by every role holder, by the suite's escrow and
/// lending module (the contracts holding ESCROW_ROLE and COLLATERAL_ROLE) and by an outsider. The holders of the
/// required role succeed; every other caller reverts with AccessControlUnauthorizedAccount(caller, role). Each
/// (function, caller) pair runs from the same state snapshot.
contract ComputeTokenAccessControlMatrixTest is TokenBase {
    bytes32 internal constant NEW_POOL = keccak256("pool:matrix");

    address internal newProvider = makeAddr("newProvider");
    uint256 internal lotId;

    address[] internal callers;
    string[] internal names;

    function setUp() public override {
        super.setUp();
        lotId = _issueTo(alice, 100);
        _addCaller(admin, "admin");
        _addCaller(registrar, "registrar");
        _addCaller(compliance, "compliance");
        _addCaller(pauser, "pauser");
        _addCaller(recovery, "recovery");
        _addCaller(escrowAgent, "escrowAgent");
        _addCaller(collateralAgent, "collateralAgent");
        _addCaller(address(escrow), "escrow");
        _addCaller(address(lending), "lending");
        _addCaller(provider, "provider");
        _addCaller(outsider, "outsider");
    }

    function _addCaller(address who, string memory name) internal {
        callers.push(who);
        names.push(name);
    }

    /// @dev Calls `data` on the token from every caller (each from a fresh copy of the state after `prepare`); only
    /// `allowed` may succeed.
    function _assertMatrix(bytes memory data, bytes32 role, address allowed, function() internal prepare) internal {
        address[] memory list = new address[](1);
        list[0] = allowed;
        _assertMatrix(data, role, list, prepare);
    }

    /// @dev As above, with every caller in `allowed` (each must hold `role`) succeeding.
    function _assertMatrix(bytes memory data, bytes32 role, address[] memory allowed, function() internal prepare)
        internal
    {
        for (uint256 a; a < allowed.length; ++a) {
            assertTrue(IAccessControl(address(token)).hasRole(role, allowed[a]), "allowed caller lacks the role");
        }
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            bool mayCall;
            for (uint256 a; a < allowed.length; ++a) {
                mayCall = mayCall || caller == allowed[a];
            }
            uint256 snapshot = vm.snapshotState();
            prepare();
            vm.prank(caller);
            (bool ok, bytes memory ret) = address(token).call(data);
            if (mayCall) {
                assertTrue(ok, string.concat(names[i], " should succeed"));
            } else {
                assertFalse(ok, string.concat(names[i], " should revert"));
                assertEq(ret, _unauthorized(caller, role), string.concat(names[i], ": wrong revert data"));
            }
            vm.revertToState(snapshot);
        }
    }

    /// @dev Two allowed callers, as an array.
    function _pair(address a, address b) internal pure returns (address[] memory list) {
        list = new address[](2);
        (list[0], list[1]) = (a, b);
    }

    function _none() internal {}

    function _prepareUnpause() internal {
        _pause();
    }

    function _prepareLocked() internal {
        _lock(alice, lotId, 10);
    }

    /*//////////////////////////////////////////////////////////////
                               REGISTRAR
    //////////////////////////////////////////////////////////////*/

    function test_RegisterProvider_OnlyRegistrar() external {
        _assertMatrix(abi.encodeCall(token.registerProvider, (newProvider)), REGISTRAR_ROLE, registrar, _none);
    }

    function test_RemoveProvider_OnlyRegistrar() external {
        _assertMatrix(abi.encodeCall(token.removeProvider, (provider)), REGISTRAR_ROLE, registrar, _none);
    }

    function test_RegisterPool_OnlyRegistrar() external {
        _assertMatrix(abi.encodeCall(token.registerPool, (NEW_POOL, provider)), REGISTRAR_ROLE, registrar, _none);
    }

    /*//////////////////////////////////////////////////////////////
                               COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    function test_SetAllowed_OnlyCompliance() external {
        _assertMatrix(abi.encodeCall(token.setAllowed, (outsider, true)), COMPLIANCE_ROLE, compliance, _none);
    }

    function test_SetAllowedBatch_OnlyCompliance() external {
        address[] memory accounts = new address[](2);
        (accounts[0], accounts[1]) = (outsider, newProvider);
        _assertMatrix(abi.encodeCall(token.setAllowedBatch, (accounts, true)), COMPLIANCE_ROLE, compliance, _none);
    }

    function test_SetFrozen_OnlyCompliance() external {
        _assertMatrix(abi.encodeCall(token.setFrozen, (alice, true)), COMPLIANCE_ROLE, compliance, _none);
    }

    /*//////////////////////////////////////////////////////////////
                                 PAUSER
    //////////////////////////////////////////////////////////////*/

    function test_Pause_OnlyPauser() external {
        _assertMatrix(abi.encodeCall(token.pause, ()), PAUSER_ROLE, pauser, _none);
    }

    function test_Unpause_OnlyPauser() external {
        _assertMatrix(abi.encodeCall(token.unpause, ()), PAUSER_ROLE, pauser, _prepareUnpause);
    }

    /*//////////////////////////////////////////////////////////////
                                RECOVERY
    //////////////////////////////////////////////////////////////*/

    function test_ForcedTransfer_OnlyRecovery() external {
        _assertMatrix(abi.encodeCall(token.forcedTransfer, (alice, bob, lotId, 5)), RECOVERY_ROLE, recovery, _none);
    }

    /*//////////////////////////////////////////////////////////////
                        COLLATERAL (LENDING), ESCROW
    //////////////////////////////////////////////////////////////*/

    /// @dev Only COLLATERAL_ROLE (the lending module, and the test's agent) locks: not the escrow, nor its agent.
    function test_Lock_OnlyCollateral() external {
        _assertMatrix(
            abi.encodeCall(token.lock, (alice, lotId, 5)),
            COLLATERAL_ROLE,
            _pair(collateralAgent, address(lending)),
            _none
        );
    }

    function test_Unlock_OnlyCollateral() external {
        _assertMatrix(
            abi.encodeCall(token.unlock, (alice, lotId, 5)),
            COLLATERAL_ROLE,
            _pair(collateralAgent, address(lending)),
            _prepareLocked
        );
    }

    function test_Seize_OnlyCollateral() external {
        _assertMatrix(
            abi.encodeCall(token.seize, (alice, lender, lotId, 5)),
            COLLATERAL_ROLE,
            _pair(collateralAgent, address(lending)),
            _prepareLocked
        );
    }

    /// @dev Only ESCROW_ROLE (the escrow, and the test's agent) burns for a redemption: not the lending module.
    function test_RedeemFrom_OnlyEscrow() external {
        _assertMatrix(
            abi.encodeCall(token.redeemFrom, (alice, lotId, 5)), ESCROW_ROLE, _pair(escrowAgent, address(escrow)), _none
        );
    }

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    function test_SetBaseUri_OnlyAdmin() external {
        _assertMatrix(abi.encodeCall(token.setBaseUri, ("ipfs://x/{id}")), DEFAULT_ADMIN_ROLE, admin, _none);
    }

    function test_GrantRole_OnlyAdmin() external {
        _assertMatrix(
            abi.encodeCall(IAccessControl.grantRole, (PAUSER_ROLE, outsider)), DEFAULT_ADMIN_ROLE, admin, _none
        );
    }

    function test_RevokeRole_OnlyAdmin() external {
        _assertMatrix(
            abi.encodeCall(IAccessControl.revokeRole, (PAUSER_ROLE, pauser)), DEFAULT_ADMIN_ROLE, admin, _none
        );
    }

    /*//////////////////////////////////////////////////////////////
                                PROVIDERS
    //////////////////////////////////////////////////////////////*/

    /// @dev issueLot: only a registered provider (here `provider`, whose spec it is) gets past the first check.
    function test_IssueLot_OnlyProvider() external {
        IComputeCapacityToken.LotSpec memory spec = _specN(99);
        bytes memory data = abi.encodeCall(token.issueLot, (spec, alice, 1));
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            uint256 snapshot = vm.snapshotState();
            vm.prank(caller);
            (bool ok, bytes memory ret) = address(token).call(data);
            if (caller == provider) {
                assertTrue(ok, string.concat(names[i], " should succeed"));
            } else {
                assertFalse(ok, string.concat(names[i], " should revert"));
                assertEq(
                    ret,
                    abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_NotProvider.selector, caller),
                    string.concat(names[i], ": wrong revert data")
                );
            }
            vm.revertToState(snapshot);
        }
    }

    /// @dev issue / issueBatch: only the lot's provider; another registered provider is refused too.
    function test_Issue_OnlyLotProvider() external {
        uint256[] memory ids = new uint256[](1);
        uint256[] memory units = new uint256[](1);
        (ids[0], units[0]) = (lotId, 1);
        bytes[2] memory calls =
            [abi.encodeCall(token.issue, (lotId, alice, 1)), abi.encodeCall(token.issueBatch, (ids, alice, units))];
        address[] memory all = new address[](callers.length + 1);
        for (uint256 i; i < callers.length; ++i) {
            all[i] = callers[i];
        }
        all[callers.length] = provider2;
        for (uint256 c; c < calls.length; ++c) {
            for (uint256 i; i < all.length; ++i) {
                address caller = all[i];
                uint256 snapshot = vm.snapshotState();
                vm.prank(caller);
                (bool ok, bytes memory ret) = address(token).call(calls[c]);
                if (caller == provider) {
                    assertTrue(ok, "lot provider should succeed");
                } else {
                    assertFalse(ok, "non lot provider should revert");
                    assertEq(
                        ret,
                        abi.encodeWithSelector(
                            IComputeCapacityToken.ComputeToken_NotLotProvider.selector, lotId, caller
                        ),
                        "wrong revert data"
                    );
                }
                vm.revertToState(snapshot);
            }
        }
    }
}
