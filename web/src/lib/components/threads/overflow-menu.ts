/** One action in an `OverflowMenu` ("Meer"). */
export interface OverflowItem {
  id: string;
  label: string;
  onselect: () => void | Promise<void>;
}
