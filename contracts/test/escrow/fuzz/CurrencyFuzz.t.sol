// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IComputeEscrow} from "../../../src/interfaces/IComputeEscrow.sol";
import {MockStablecoin} from "../../mocks/MockStablecoin.sol";
import {MultiCurrencyBase} from "../MultiCurrencyBase.sol";

/// @notice Fuzz tests of credits and withdrawals across three currencies (USDC, EURC and an 18-decimal coin): random
/// sequences of payments in, credits naming a lot (and so a currency), credits that name another currency's lot than
/// the payment's, and withdrawals in a random currency. Each account's credit in each currency, each currency's
/// totals and each currency's balance move only with that currency's own flows.
contract CurrencyFuzz_Test is MultiCurrencyBase {
    uint256 internal constant STEPS = 24;

    /// @dev A MARKET_ROLE and LENDING_ROLE holder that pays in and asks for credits, as the modules do.
    address internal payer = makeAddr("payer");

    address[3] internal currencies;
    uint256[3] internal lots;
    address[4] internal accounts;

    /// @dev The expected state: credits per account and currency, surplus (paid in, not yet credited) per currency.
    mapping(address account => mapping(uint256 currency => uint256)) internal expected;
    uint256[3] internal surplus;

    function setUp() public override {
        super.setUp();
        currencies = [address(usdc), address(eurc), address(usd18)];
        lots = [lotId, eurcLot, usd18Lot];
        accounts = [alice, bob, lender, outsider];
        bytes32 marketRole = escrow.MARKET_ROLE();
        bytes32 lendingRole = escrow.LENDING_ROLE();
        vm.startPrank(admin);
        escrow.grantRole(marketRole, payer);
        escrow.grantRole(lendingRole, payer);
        usdc.mint(payer, 1e18);
        eurc.mint(payer, 1e18);
        usd18.mint(payer, 1e30);
        vm.stopPrank();
    }

    /// @dev Up to a million whole coins in the currency's base units (6 or 18 decimals).
    function _amount(uint256 seed, uint256 c) internal pure returns (uint256) {
        return bound(seed, 1, c == 2 ? 1_000_000e18 : 1_000_000e6);
    }

    function _coin(uint256 c) internal view returns (MockStablecoin) {
        return MockStablecoin(currencies[c]);
    }

    /// @dev The payer moves `amount` of currency `c` into the escrow (a buyer's or lender's payment).
    function _payIn(uint256 c, uint256 amount) internal {
        vm.prank(payer);
        _coin(c).transfer(address(escrow), amount);
        surplus[c] += amount;
    }

    /// @dev Credits `amount` to `account` naming currency `n`'s lot, as a sale or a loan: succeeds exactly when that
    /// currency's own surplus covers it.
    function _credit(address account, uint256 n, uint256 amount, bool sale) internal {
        bytes4 unfunded =
            sale ? IComputeEscrow.Escrow_SaleUnfunded.selector : IComputeEscrow.Escrow_LoanUnfunded.selector;
        if (amount > surplus[n]) vm.expectRevert(abi.encodeWithSelector(unfunded, amount, surplus[n]));
        vm.prank(payer);
        if (sale) escrow.creditSale(account, lots[n], amount);
        else escrow.creditLoan(account, lots[n], amount);
        if (amount > surplus[n]) return;
        surplus[n] -= amount;
        expected[account][n] += amount;
    }

    /// @dev `account` withdraws currency `c` to itself: paid exactly its credit in `c`, nothing in the others.
    function _withdraw(address account, uint256 c) internal {
        uint256[3] memory before;
        for (uint256 i; i < 3; ++i) {
            before[i] = _coin(i).balanceOf(account);
        }
        uint256 credit = expected[account][c];
        if (credit == 0) {
            vm.expectRevert(
                abi.encodeWithSelector(IComputeEscrow.Escrow_NothingToWithdraw.selector, account, currencies[c])
            );
        }
        vm.prank(account);
        escrow.withdraw(currencies[c], account);
        expected[account][c] = 0;
        for (uint256 i; i < 3; ++i) {
            assertEq(_coin(i).balanceOf(account) - before[i], i == c ? credit : 0, "paid in the currency asked only");
        }
    }

    /// @dev Every account's credit in every currency is the expected one; each currency's total of credits is their
    /// sum, its bonds are its lot's bond, and its balance is exactly bonds + credits + the surplus paid in for it.
    function _assertLedgers() internal view {
        for (uint256 c; c < 3; ++c) {
            uint256 owed;
            for (uint256 a; a < accounts.length; ++a) {
                uint256 credit = escrow.claimable(accounts[a], currencies[c]);
                assertEq(credit, expected[accounts[a]][c], "credit per (account, currency)");
                owed += credit;
            }
            (uint256 credits, uint256 bonds,) = escrow.totals(currencies[c]);
            assertEq(credits, owed, "total of credits per currency");
            (uint256 bond,) = escrow.bondOf(lots[c]);
            assertEq(bonds, bond, "total of bonds per currency");
            (uint256 balance, uint256 obligations) = escrow.solvency(currencies[c]);
            assertEq(obligations, credits + bonds);
            assertEq(balance, obligations + surplus[c], "balance per currency");
        }
    }

    /// @dev Random steps: pay in and credit the same currency (as a sale or a loan), pay in one currency and credit
    /// another currency's lot (refused unless that currency has a surplus of its own), or withdraw in a random currency.
    function testFuzz_CreditsAndWithdrawalsNeverCross(uint256 seed) external {
        for (uint256 step; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 c = r % 3;
            uint256 n = (r >> 8) % 3;
            address account = accounts[(r >> 16) % accounts.length];
            uint256 amount = _amount(r >> 24, c);
            uint256 kind = (r >> 128) % 4;
            if (kind == 0) {
                _withdraw(account, n);
            } else if (kind == 1) {
                // A payment in `c` credited as `n`'s: a cross credit the escrow refuses unless `n` has a surplus.
                _payIn(c, amount);
                _credit(account, n, c == n ? amount : _amount(r >> 64, n), (r >> 200) % 2 == 0);
            } else {
                _payIn(c, amount);
                _credit(account, c, amount, kind == 2);
            }
            _assertLedgers();
        }
        // Everything owed is paid out per currency; what is left is each lot's bond and the uncredited surplus.
        for (uint256 a; a < accounts.length; ++a) {
            for (uint256 c; c < 3; ++c) {
                if (expected[accounts[a]][c] != 0) _withdraw(accounts[a], c);
            }
        }
        _assertLedgers();
    }

    /// @dev One payment, one credit naming any of the three lots: only a lot in the payment's currency is credited,
    /// and the others' ledgers stay empty.
    function testFuzz_ACreditNamesTheLotsCurrencyOnly(uint256 paid, uint256 named, uint256 amount) external {
        uint256 c = bound(paid, 0, 2);
        uint256 n = bound(named, 0, 2);
        amount = _amount(amount, c);
        _payIn(c, amount);
        _credit(alice, n, amount, true);
        _assertLedgers();
        for (uint256 i; i < 3; ++i) {
            assertEq(escrow.claimable(alice, currencies[i]), i == c && i == n ? amount : 0);
        }
    }
}
