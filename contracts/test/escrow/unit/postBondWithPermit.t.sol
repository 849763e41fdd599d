// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {IComputeCapacityToken} from "../../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {EscrowBase} from "../EscrowBase.sol";

contract PostBondWithPermit_Unit_Test is EscrowBase {
    uint256 internal constant AMOUNT = 20e6;
    uint256 internal constant INITIAL_BOND = UNITS * PRICE;
    uint256 internal deadline;

    function setUp() public override {
        super.setUp();
        deadline = block.timestamp + 1 hours;
    }

    function test_RevertWhen_TheLotDoesNotExist() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, AMOUNT, deadline);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_UnknownLot.selector, 42));
        vm.prank(signer);
        escrow.postBondWithPermit(42, AMOUNT, deadline, v, r, s);
        assertEq(usdc.nonces(signer), 0, "permit rolled back");
    }

    function test_RevertWhen_TheAmountIsZero() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_ZeroBondAmount.selector));
        vm.prank(signer);
        escrow.postBondWithPermit(lotId, 0, deadline, v, r, s);
    }

    function test_RevertWhen_TheSignatureIsByAnotherKeyAndThereIsNoAllowance() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(0xBAD, signer, AMOUNT, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, AMOUNT)
        );
        vm.prank(signer);
        escrow.postBondWithPermit(lotId, AMOUNT, deadline, v, r, s);
    }

    function test_RevertWhen_ThePermitHasExpiredAndThereIsNoAllowance() external {
        uint256 past = block.timestamp - 1;
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, AMOUNT, past);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, AMOUNT)
        );
        vm.prank(signer);
        escrow.postBondWithPermit(lotId, AMOUNT, past, v, r, s);
    }

    function test_When_ThePermitWasAlreadyUsedByAFrontRunner() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, AMOUNT, deadline);
        vm.prank(outsider);
        usdc.permit(signer, address(escrow), AMOUNT, deadline, v, r, s);

        vm.prank(signer);
        escrow.postBondWithPermit(lotId, AMOUNT, deadline, v, r, s);
        assertEq(_bondTotal(lotId), INITIAL_BOND + AMOUNT);
        assertEq(usdc.allowance(signer, address(escrow)), 0);
    }

    function test_When_ThePermitIsValid() external {
        (uint8 v, bytes32 r, bytes32 s) = _permitSig(signerKey, signer, AMOUNT, deadline);
        uint256 before = usdc.balanceOf(signer);

        vm.expectEmit(address(escrow));
        emit IComputeEscrow.BondPosted(lotId, signer, AMOUNT);
        vm.prank(signer);
        escrow.postBondWithPermit(lotId, AMOUNT, deadline, v, r, s);

        assertEq(usdc.nonces(signer), 1);
        assertEq(usdc.allowance(signer, address(escrow)), 0);
        assertEq(before - usdc.balanceOf(signer), AMOUNT);
        assertEq(_bondTotal(lotId), INITIAL_BOND + AMOUNT);
        assertEq(_bondReserved(lotId), 0);
    }
}
