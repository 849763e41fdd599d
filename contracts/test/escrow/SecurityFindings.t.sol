// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC1155Errors, IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

import {IComputeCapacityToken} from "../../src/interfaces/IComputeCapacityToken.sol";
import {IComputeEscrow} from "../../src/interfaces/IComputeEscrow.sol";
import {IComputeLending} from "../../src/interfaces/IComputeLending.sol";
import {ReentrantReceiver} from "../token/utils/ReentrantReceiver.sol";
import {EscrowBase} from "./EscrowBase.sol";

/// @dev A contract that can be allowlisted but has no ERC-1155 receiver hook.
contract NoHookHolder {}

/// @notice Regression tests of the outside review's findings S-1 … S-10 (docs/SPEC.md, "Findings"), one attack per
/// test, written as the attacker would play it. The unit trees carry the same rules branch by branch; this file is
/// the auditor's index. Each test failed on the contracts before the fix (the S-1 attack ended with
/// Escrow_InsufficientBond for alice; the others with the wrong party holding the units or the money). The pledge
/// findings (S-2 … S-7) are played against the lending module, where pledges live since they left the escrow; its own
/// attacks are in lending/SecurityFindings.t.sol.
contract SecurityFindings_Test is EscrowBase {
    /*//////////////////////////////////////////////////////////////
                 S-1 PROVIDER RECOVERS ITS BOND MID-WINDOW
    //////////////////////////////////////////////////////////////*/

    /// @dev The attack: issue units to itself without bond, redeem them, confirm its own delivery, withdraw the
    /// released bond. Now the extra units cannot be issued without their bond, and what the provider takes back
    /// is only the bond of its own units: alice can still redeem every unit.
    function test_S1_RevertWhen_ProviderSelfRedeemsToFreeBond() external {
        // Without stablecoin for the bond the self-issue is refused.
        vm.prank(provider);
        usdc.approve(address(escrow), 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector, address(escrow), 0, UNITS * uint256(PRICE)
            )
        );
        vm.prank(provider);
        token.issue(lotId, provider, UNITS);

        // With it, the issue is bonded; the self-redeem-and-confirm round trip gives back only that bond.
        vm.prank(provider);
        usdc.approve(address(escrow), type(uint256).max);
        uint256 before = usdc.balanceOf(provider);
        vm.startPrank(provider);
        token.issue(lotId, provider, UNITS);
        uint256 id = escrow.redeem(lotId, UNITS);
        escrow.confirmDelivery(id);
        escrow.withdraw(address(usdc), provider);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, endsAt));
        escrow.withdrawBond(lotId, 1);
        vm.stopPrank();
        assertEq(usdc.balanceOf(provider), before, "provider gained nothing");

        // Every other holder keeps delivery and refund rights.
        uint256 aliceId = _redeem(alice, UNITS);
        assertEq(escrow.redemption(aliceId).reserved, UNITS * PRICE);
        vm.warp(escrow.redemption(aliceId).deadline + 1);
        escrow.claimRefund(aliceId);
        assertEq(escrow.claimable(alice, address(usdc)), UNITS * PRICE, "alice refunded in full");
    }

    /*//////////////////////////////////////////////////////////////
                      S-2 PLEDGE BYPASSES COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    function test_S2_RevertWhen_FrozenOrDelistedHolderPledges() external {
        vm.prank(compliance);
        token.setFrozen(alice, true);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderFrozen.selector, alice));
        _defaultPledge();

        vm.startPrank(compliance);
        token.setFrozen(alice, false);
        token.setAllowed(alice, false);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_SenderNotAllowed.selector, alice));
        _defaultPledge();
    }

    /*//////////////////////////////////////////////////////////////
                    S-3 STALE REQUEST FUNDED AT MATURITY
    //////////////////////////////////////////////////////////////*/

    function test_S3_RevertWhen_LenderFundsStaleRequestJustBeforeMaturity() external {
        uint256 pledgeId = _defaultPledge();
        vm.warp(maturity - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PledgeRequestExpired.selector, pledgeId, maturity - lending.MIN_REPAY_WINDOW()
            )
        );
        vm.prank(lender);
        lending.fundPledge(pledgeId);
    }

    /*//////////////////////////////////////////////////////////////
                     S-4 A FUNDED PLEDGE STUCK FOREVER
    //////////////////////////////////////////////////////////////*/

    function test_S4_RevertWhen_LenderThatCannotReceiveFunds() external {
        address stranger = makeAddr("stranger");
        vm.prank(admin);
        usdc.mint(stranger, 1000e6);
        vm.prank(stranger);
        usdc.approve(address(lending), type(uint256).max);
        uint256 pledgeId = _requestPledge(alice, PLEDGE_UNITS, address(0), PRINCIPAL, FEE, maturity);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_PledgeNotTransferable.selector,
                pledgeId,
                IComputeCapacityToken.TransferStatus.ReceiverNotAllowed
            )
        );
        vm.prank(stranger);
        lending.fundPledge(pledgeId);
    }

    function test_S4_PledgeClosable_WhenLenderFrozenAfterFunding() external {
        uint256 pledgeId = _activePledge();
        vm.prank(compliance);
        token.setFrozen(lender, true);
        vm.warp(maturity + 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeCapacityToken.ComputeToken_ReceiverFrozen.selector, lender));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        // The borrower (or anyone) closes it by repaying; the lender's stablecoin credit is not blocked.
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(uint8(_pledgeStatus(pledgeId)), uint8(IComputeLending.PledgeStatus.Repaid));
        vm.prank(lender);
        escrow.withdraw(address(usdc), lender);
        assertEq(escrow.claimable(lender, address(usdc)), 0);
    }

    /*//////////////////////////////////////////////////////////////
                      S-5 DEADLINES RUN DURING PAUSES
    //////////////////////////////////////////////////////////////*/

    function test_S5_TokenPauseAcrossEndsAt_KeepsRedemptionAndBond() external {
        vm.warp(endsAt - 1 hours);
        vm.prank(pauser);
        token.pause();
        vm.warp(endsAt + 5 days);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, type(uint40).max));
        vm.prank(provider);
        escrow.withdrawBond(lotId, 1);

        vm.prank(pauser);
        token.unpause();
        uint40 until = uint40(block.timestamp + token.PAUSE_CURE());
        assertEq(token.redeemableUntil(lotId), until);
        uint256 id = _redeem(alice, UNITS); // within the cure
        assertEq(escrow.redemption(id).reserved, UNITS * PRICE);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_BondLocked.selector, lotId, until));
        vm.prank(provider);
        escrow.withdrawBond(lotId, 1);
    }

    function test_S5_StablecoinPauseAcrossMaturity_GivesCure() external {
        uint256 pledgeId = _activePledge();
        vm.warp(maturity - 1 hours);
        vm.prank(admin);
        usdc.setPaused(true);
        vm.warp(maturity + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_SettlementPaused.selector, address(usdc)));
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        lending.recordSettlementPause(address(usdc));
        vm.prank(admin);
        usdc.setPaused(false);
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_SettlementCure.selector, block.timestamp + lending.SETTLEMENT_CURE()
            )
        );
        vm.prank(lender);
        lending.claimCollateral(pledgeId);
        vm.prank(alice);
        lending.repay(pledgeId);
        assertEq(token.lockedBalanceOf(alice, lotId), 0, "borrower kept the units");
    }

    /*//////////////////////////////////////////////////////////////
                       S-6 MATURITY EXACTLY AT ENDSAT
    //////////////////////////////////////////////////////////////*/

    function test_S6_RevertWhen_PledgeMaturesAtEndsAt() external {
        vm.expectRevert(
            abi.encodeWithSelector(
                IComputeLending.Lending_MaturityTooLate.selector, endsAt, endsAt - lending.MATURITY_MARGIN()
            )
        );
        _requestPledge(alice, PLEDGE_UNITS, lender, PRINCIPAL, FEE, endsAt);
    }

    /*//////////////////////////////////////////////////////////////
                                S-7 (INFO)
    //////////////////////////////////////////////////////////////*/

    function test_S7_RevertWhen_WithdrawToEscrow() external {
        _redeem(alice, 10);
        vm.prank(alice);
        escrow.confirmDelivery(1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_InvalidRecipient.selector, address(escrow)));
        vm.prank(provider);
        escrow.withdraw(address(usdc), address(escrow));
        assertEq(escrow.claimable(provider, address(usdc)), 10 * uint256(PRICE), "credit kept");
    }

    function test_S7_RevertWhen_PledgeOfLotWithLtvZero() external {
        vm.prank(risk);
        lending.setLoanToValue(lotId, 0);
        vm.expectRevert(abi.encodeWithSelector(IComputeLending.Lending_PledgingDisabled.selector, lotId));
        _defaultPledge();
    }

    /// @dev The rule (docs/SPEC.md): the deadline is final. Delivery that neither the holder nor the oracle confirmed
    /// by then is refunded, and anyone may trigger the refund.
    function test_S7_RefundAfterDeadline_EvenIfDeliveredButUnconfirmed() external {
        uint256 id = _redeem(alice, 10);
        _reportPool(1, SLA, 10); // delivery attested, but nobody called confirmDeliveryByOracle
        uint40 deadline = escrow.redemption(id).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IComputeEscrow.Escrow_DeliveryDeadlinePassed.selector, id, deadline));
        escrow.confirmDeliveryByOracle(id);
        vm.prank(outsider);
        escrow.claimRefund(id);
        assertEq(escrow.claimable(alice, address(usdc)), 10 * uint256(PRICE));
    }

    /*//////////////////////////////////////////////////////////////
              S-8 canTransfer OK FOR A RECEIVER WITHOUT THE HOOK
    //////////////////////////////////////////////////////////////*/

    function test_S8_CanTransferReportsInvalidReceiver_ForContractWithoutHook() external {
        address noHook = address(new NoHookHolder());
        address withHook = address(new ReentrantReceiver(IERC1155(address(token))));
        vm.startPrank(compliance);
        token.setAllowed(noHook, true);
        token.setAllowed(withHook, true);
        vm.stopPrank();
        assertEq(
            uint8(token.canTransfer(alice, noHook, lotId, 1)),
            uint8(IComputeCapacityToken.TransferStatus.InvalidReceiver)
        );
        // The preflight now predicts what the transfer does.
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155InvalidReceiver.selector, noHook));
        vm.prank(alice);
        token.safeTransferFrom(alice, noHook, lotId, 1, "");

        assertEq(uint8(token.canTransfer(alice, withHook, lotId, 1)), uint8(IComputeCapacityToken.TransferStatus.Ok));
        vm.prank(alice);
        token.safeTransferFrom(alice, withHook, lotId, 1, "");
    }

    /*//////////////////////////////////////////////////////////////
                        S-9 OPERATORS AND COMPLIANCE
    //////////////////////////////////////////////////////////////*/

    /// @dev Decision (docs/SPEC.md): an operator need not be allowlisted (the escrow and marketplaces are
    /// operators), but a frozen account may not act for anyone: its approvals are suspended while it is frozen.
    function test_S9_RevertWhen_FrozenOperatorMovesApprovedUnits() external {
        vm.prank(alice);
        token.setApprovalForAll(outsider, true);
        vm.prank(outsider);
        token.safeTransferFrom(alice, bob, lotId, 1, ""); // not allowlisted, not frozen: may operate
        assertEq(token.balanceOf(bob, lotId), 1);

        vm.prank(compliance);
        token.setFrozen(outsider, true);
        assertFalse(token.isApprovedForAll(alice, outsider), "approval suspended");
        vm.expectRevert(abi.encodeWithSelector(IERC1155Errors.ERC1155MissingApprovalForAll.selector, outsider, alice));
        vm.prank(outsider);
        token.safeTransferFrom(alice, bob, lotId, 1, "");

        vm.prank(compliance);
        token.setFrozen(outsider, false);
        assertTrue(token.isApprovedForAll(alice, outsider), "restored on unfreeze");
    }

    /*//////////////////////////////////////////////////////////////
                    S-10 WHAT AN INDEXER AND AUDITOR NEED
    //////////////////////////////////////////////////////////////*/

    function test_S10_SetBaseUriEmitsStandardUriEvent() external {
        vm.expectEmit(address(token));
        emit IERC1155.URI("ipfs://lots/{id}.json", 0);
        vm.prank(admin);
        token.setBaseUri("ipfs://lots/{id}.json");
    }

    function test_S10_DeliveryConfirmedCarriesLedgerFields() external {
        uint256 id = _redeem(alice, 10);
        vm.expectEmit(address(escrow));
        emit IComputeEscrow.DeliveryConfirmed(id, lotId, provider, alice, 10, 10 * uint256(PRICE), false);
        vm.prank(alice);
        escrow.confirmDelivery(id);
    }

    function test_S10_SolvencyViewsMatchTheLedger() external {
        _buy(bob, _defaultOffer(), 10); // a sale on the market, credited by the escrow
        _redeem(alice, 20);
        (uint256 credits, uint256 bonds, uint256 reserved) = escrow.totals(address(usdc));
        assertEq(credits, 10 * uint256(PRICE), "credits = alice's sale");
        assertEq(bonds, UNITS * PRICE, "bonds");
        assertEq(reserved, 20 * uint256(PRICE), "reserved");
        (uint256 balance, uint256 obligations) = escrow.solvency(address(usdc));
        assertEq(obligations, credits + bonds);
        assertEq(balance, usdc.balanceOf(address(escrow)));
        assertGe(balance, obligations);
    }
}
