import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * Not modal: a modal menu sets aria-hidden on the rest of the page (#root) while its buttons stay focusable, which
 * axe-core reports as a serious violation (aria-hidden-focus). The menu still takes focus, moves with the arrow
 * keys and closes on Escape and on a click outside.
 */
export function DropdownMenu(props: Menu.DropdownMenuProps) {
  return <Menu.Root modal={false} {...props} />;
}
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuRadioGroup = Menu.RadioGroup;

export function DropdownMenuContent({ children, className, align = "end" }: { children: ReactNode; className?: string; align?: "start" | "end" }) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={4}
        className={cn("z-50 min-w-[10rem] rounded-md border bg-popover p-1 text-popover-foreground shadow-md", className)}
      >
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

const item =
  "relative flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm outline-none focus:bg-accent focus:text-accent-foreground data-[disabled]:pointer-events-none data-[disabled]:opacity-50 [&_svg]:size-4";

export function DropdownMenuItem({ className, ...props }: Menu.DropdownMenuItemProps) {
  return <Menu.Item className={cn(item, className)} {...props} />;
}
export function DropdownMenuRadioItem({ className, children, ...props }: Menu.DropdownMenuRadioItemProps) {
  return (
    <Menu.RadioItem className={cn(item, "pl-7", className)} {...props}>
      <Menu.ItemIndicator className="absolute left-2 inline-flex h-2 w-2 rounded-full bg-current" />
      {children}
    </Menu.RadioItem>
  );
}
export function DropdownMenuLabel({ children }: { children: ReactNode }) {
  return <Menu.Label className="px-2 py-1 text-xs font-semibold text-muted-foreground">{children}</Menu.Label>;
}
export function DropdownMenuSeparator() {
  return <Menu.Separator className="-mx-1 my-1 h-px bg-border" />;
}
