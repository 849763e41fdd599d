// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ComputeEscrow} from "../../../src/escrow/ComputeEscrow.sol";
import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {ComputeCapacityToken} from "../../../src/token/ComputeCapacityToken.sol";
import {TokenBase} from "../TokenBase.sol";

/// @notice Branching-tree tests of `setBondVault` (see setBondVault.tree), on a token of its own with no vault yet.
contract SetBondVault_Unit_Test is TokenBase {
    ComputeCapacityToken internal bare;
    ComputeEscrow internal vault;

    function setUp() public override {
        super.setUp();
        bare = new ComputeCapacityToken(admin, 0, BASE_URI);
        vault = new ComputeEscrow(admin, 0, bare, IERC20(address(usdc)), oracle, GRACE);
    }

    function _invalid(address candidate) internal {
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_InvalidBondVault.selector, candidate));
        vm.prank(admin);
        bare.setBondVault(candidate);
    }

    function test_RevertWhen_TheCallerDoesNotHaveDEFAULTADMINROLE() external {
        vm.expectRevert(_unauthorized(registrar, DEFAULT_ADMIN_ROLE));
        vm.prank(registrar);
        bare.setBondVault(address(vault));
    }

    function test_RevertWhen_AVaultIsSetAlready() external {
        vm.prank(admin);
        bare.setBondVault(address(vault));
        ComputeEscrow other = new ComputeEscrow(admin, 0, bare, IERC20(address(usdc)), oracle, GRACE);
        vm.expectRevert(
            abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_BondVaultAlreadySet.selector, address(vault))
        );
        vm.prank(admin);
        bare.setBondVault(address(other));
    }

    function test_RevertWhen_TheVaultIsTheZeroAddress() external {
        _invalid(address(0));
    }

    function test_RevertWhen_TheVaultIsAnAccountWithoutCode() external {
        _invalid(outsider);
    }

    function test_RevertWhen_TheVaultIsAContractThatDoesNotDeclareIBondVault() external {
        _invalid(address(usdc));
        _invalid(address(oracle)); // ERC-165, but another interface
    }

    function test_When_TheVaultDeclaresIBondVault() external {
        vm.expectEmit(address(bare));
        emit IComputeCapacityToken.BondVaultSet(address(vault));
        vm.prank(admin);
        bare.setBondVault(address(vault));
        assertEq(bare.bondVault(), address(vault));

        vm.startPrank(admin);
        bare.grantRole(REGISTRAR_ROLE, admin);
        bare.grantRole(COMPLIANCE_ROLE, admin);
        bare.registerProvider(provider);
        bare.registerPool(POOL, provider);
        bare.setAllowed(provider, true);
        vm.stopPrank();
        vm.startPrank(provider);
        usdc.approve(address(vault), type(uint256).max);
        uint256 lotId = bare.issueLot(_spec(), provider, 4);
        vm.stopPrank();
        (uint256 total,) = vault.bondOf(lotId);
        assertEq(total, 4 * uint256(PRICE), "issuing works and is bonded");
    }
}
