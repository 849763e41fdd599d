// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {SuiteFixture} from "../utils/SuiteFixture.sol";

/// @notice Base of the token unit tests: the suite fixture plus an EOA escrow agent (ESCROW_ROLE: redeemFrom), an EOA
/// collateral agent (COLLATERAL_ROLE: lock, unlock, seize), a second provider and helpers.
abstract contract TokenBase is SuiteFixture {
    bytes32 internal constant DEFAULT_ADMIN_ROLE = 0x00;
    bytes32 internal constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    bytes32 internal constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    bytes32 internal constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 internal constant RECOVERY_ROLE = keccak256("RECOVERY_ROLE");
    bytes32 internal constant ESCROW_ROLE = keccak256("ESCROW_ROLE");
    bytes32 internal constant COLLATERAL_ROLE = keccak256("COLLATERAL_ROLE");

    /// @dev The lot unit counters are 48-bit (see ComputeToken_UnitsOverflow).
    uint256 internal constant MAX_UNITS = type(uint48).max;

    bytes32 internal constant POOL_3 = keccak256("pool:paris-1");
    string internal constant BASE_URI = "https://meta.rwacompute.example/lots/{id}.json";

    address internal escrowAgent = makeAddr("escrowAgent");
    address internal collateralAgent = makeAddr("collateralAgent");
    address internal provider2 = makeAddr("provider2");

    function setUp() public virtual override {
        super.setUp();
        vm.prank(admin);
        token.grantRole(ESCROW_ROLE, escrowAgent);
        vm.prank(admin);
        token.grantRole(COLLATERAL_ROLE, collateralAgent);
        vm.startPrank(registrar);
        token.registerProvider(provider2);
        token.registerPool(POOL_3, provider2);
        vm.stopPrank();
        vm.prank(compliance);
        token.setAllowed(provider2, true);
        // Issuing pulls the lot's bond from its provider: enough stablecoin for lots up to the 48-bit unit limit.
        for (uint256 i; i < 2; ++i) {
            address issuer = [provider, provider2][i];
            vm.prank(admin);
            usdc.mint(issuer, 1e30);
            vm.prank(issuer);
            usdc.approve(address(escrow), type(uint256).max);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev `_spec()` with another metadata hash, hence another lot id.
    function _specN(uint256 n) internal view returns (IComputeCapacityToken.LotSpec memory spec) {
        spec = _spec();
        spec.metadataHash = keccak256(abi.encode("lot metadata", n));
    }

    /// @dev A valid spec of `provider2` on POOL_3.
    function _spec2() internal view returns (IComputeCapacityToken.LotSpec memory spec) {
        spec = _spec();
        spec.provider = provider2;
        spec.poolId = POOL_3;
    }

    /// @dev Issues a fresh lot from `spec` to `to`.
    function _issue(IComputeCapacityToken.LotSpec memory spec, address to, uint256 units)
        internal
        returns (uint256 lotId)
    {
        vm.prank(spec.provider);
        lotId = token.issueLot(spec, to, units);
    }

    /// @dev Issues a fresh lot (`_spec()`) of `units` straight to `holder`.
    function _issueTo(address holder, uint256 units) internal returns (uint256 lotId) {
        lotId = _issue(_spec(), holder, units);
    }

    function _lock(address account, uint256 lotId, uint256 units) internal {
        vm.prank(collateralAgent);
        token.lock(account, lotId, units);
    }

    function _pause() internal {
        vm.prank(pauser);
        token.pause();
    }

    function _freeze(address account) internal {
        vm.prank(compliance);
        token.setFrozen(account, true);
    }

    function _disallow(address account) internal {
        vm.prank(compliance);
        token.setAllowed(account, false);
    }

    function _allow(address account) internal {
        vm.prank(compliance);
        token.setAllowed(account, true);
    }

    function _endsAt(uint256 lotId) internal pure returns (uint40) {
        return uint40(lotId >> 216);
    }

    function _unauthorized(address caller, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role);
    }

    function _err(bytes4 selector) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector);
    }
}
